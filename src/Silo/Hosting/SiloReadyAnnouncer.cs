using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansProc.Silo.Hosting;

/// <summary>
/// Logs one line once the silo has joined the cluster and its web side listens (after every hosted service started).
/// Scripts wait for "OrleansProc silo started". With TLS on, a line before it names the certificate (never its password);
/// another says whether the API key is required (never the key).
/// </summary>
public sealed partial class SiloReadyAnnouncer(SiloSettings settings, WebSettings web, ILogger<SiloReadyAnnouncer> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (settings.Tls is { } tls)
        {
            LogTls(logger, tls.Certificate.Subject, tls.Thumbprint, tls.TargetHost, tls.AllowSelfSigned, tls.PeerTrust);
        }

        if (settings.Access.RequiresApiKey)
        {
            LogApiKeyRequired(logger);
        }
        else
        {
            LogNoApiKey(logger);
        }

        LogStarted(logger, settings.SiloName, settings.ClusterId, settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, web.PageAddress, settings.Slots);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "OrleansProc silo started: {SiloName} in cluster {ClusterId}, advertised {AdvertisedAddress}, silo port {SiloPort}, gateway port {GatewayPort}, web {WebAddress}, {Slots} slots")]
    private static partial void LogStarted(ILogger logger, string siloName, string clusterId, System.Net.IPAddress advertisedAddress, int siloPort, int gatewayPort, Uri webAddress, int slots);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access: ORLEANSPROC_API_KEY required for client calls, the jobs page, its API and /dashboard")]
    private static partial void LogApiKeyRequired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access: no ORLEANSPROC_API_KEY: client calls are not checked and the jobs page answers on loopback only; set a key on any cluster other machines reach")]
    private static partial void LogNoApiKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS on: certificate {Subject}, SHA-256 thumbprint {Thumbprint}, target host {TargetHost}, self-signed peers allowed: {AllowSelfSigned}, peers accepted: {PeerTrust}")]
    private static partial void LogTls(ILogger logger, string subject, string thumbprint, string targetHost, bool allowSelfSigned, string peerTrust);
}
