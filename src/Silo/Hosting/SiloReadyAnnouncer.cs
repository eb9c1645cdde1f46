using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansProc.Silo.Hosting;

/// <summary>
/// Logs one line once the silo has joined the cluster and its web side listens (after every hosted service started).
/// Scripts wait for "OrleansProc silo started".
/// </summary>
public sealed partial class SiloReadyAnnouncer(SiloSettings settings, WebSettings web, ILogger<SiloReadyAnnouncer> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        LogStarted(logger, settings.SiloName, settings.ClusterId, settings.SiloPort, settings.GatewayPort, web.PageAddress, settings.Slots);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "OrleansProc silo started: {SiloName} in cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}, web {WebAddress}, {Slots} slots")]
    private static partial void LogStarted(ILogger logger, string siloName, string clusterId, int siloPort, int gatewayPort, Uri webAddress, int slots);
}
