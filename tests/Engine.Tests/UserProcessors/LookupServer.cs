using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansProc.Engine.Tests.UserProcessors;

/// <summary>
/// An HTTP service for the I/O sample: <c>GET /lookup/ID</c> answers <c>tier-(ID % 7)</c>. The first requests are held
/// until <see cref="HeldUntil"/> of them are in flight at once (or a 30 s deadline passes), which shows that the
/// client sends them concurrently.
/// </summary>
internal sealed class LookupServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private int _waiting;
    private int _requests;

    public LookupServer(int heldUntil)
    {
        HeldUntil = heldUntil;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public int HeldUntil { get; }

    public string Url => $"http://127.0.0.1:{Port}/lookup";

    /// <summary>True once <see cref="HeldUntil"/> requests were in flight at the same time.</summary>
    public bool ReachedConcurrency => _enough.Task.IsCompletedSuccessfully;

    public int Requests => Volatile.Read(ref _requests);

    public static string Answer(long id) => "tier-" + (id % 7).ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!_enough.Task.IsCompleted)
        {
            if (Interlocked.Increment(ref _waiting) >= HeldUntil)
            {
                _enough.TrySetResult();
            }

            try
            {
                await _enough.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // Answer anyway: the test sees ReachedConcurrency false.
            }
        }

        var id = long.Parse(context.Request.Url!.Segments[^1], CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(Answer(id) + "\n");
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
}
