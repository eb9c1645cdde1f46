using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansProc.Bench.Processors;

/// <summary>
/// The I/O sample's service for <c>bench processor --lookup-latency MS</c>: <c>GET /lookup/ID</c> answers
/// <c>tier-(ID % 7)</c> after the given latency, many requests at once.
/// </summary>
internal sealed class LatencyLookupServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TimeSpan _latency;
    private readonly Task _loop;

    public LatencyLookupServer(TimeSpan latency)
    {
        _latency = latency;
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Url = $"http://127.0.0.1:{port}/lookup";
        _loop = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
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

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await Task.Delay(_latency);
            var id = long.Parse(context.Request.Url!.Segments[^1], CultureInfo.InvariantCulture);
            var body = Encoding.UTF8.GetBytes("tier-" + (id % 7).ToString(CultureInfo.InvariantCulture));
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or FormatException)
        {
            context.Response.Abort();
        }
    }
}
