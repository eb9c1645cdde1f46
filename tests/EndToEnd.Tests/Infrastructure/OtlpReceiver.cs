using System.Collections.Concurrent;
using System.Net;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A stand-in OpenTelemetry collector: an OTLP/HTTP endpoint on 127.0.0.1 (a free port) that answers every request
/// with 200 and keeps what it received.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<OtlpPost> _posts = new();
    private readonly Task _serving;

    private OtlpReceiver(HttpListener listener, Uri endpoint)
    {
        _listener = listener;
        Endpoint = endpoint;
        _serving = ServeAsync();
    }

    /// <summary>The base address, as OTEL_EXPORTER_OTLP_ENDPOINT takes it: <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<OtlpPost> Posts => [.. _posts];

    /// <summary>Raised at each request received.</summary>
    public ChangeSignal PostReceived { get; } = new();

    /// <summary>Listens on a free port, taking another when the one chosen is taken before the bind.</summary>
    public static OtlpReceiver Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var endpoint = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
            var listener = new HttpListener();
            listener.Prefixes.Add($"{endpoint}");
            try
            {
                listener.Start();
                return new OtlpReceiver(listener, endpoint);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // closed
            }

            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _posts.Enqueue(new OtlpPost(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                PostReceived.Raise();
                context.Response.StatusCode = (int)HttpStatusCode.OK;
                context.Response.ContentType = "application/x-protobuf"; // an empty Export*ServiceResponse: all accepted
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // the exporter gave up on this request; it sends the next one
            }
        }
    }
}
