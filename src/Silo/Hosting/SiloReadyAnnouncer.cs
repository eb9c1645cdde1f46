using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansProc.Silo.Hosting;

/// <summary>
/// Logs one line once the silo has joined the cluster (hosted services start after Orleans' own). Scripts wait for
/// "OrleansProc silo started".
/// </summary>
public sealed partial class SiloReadyAnnouncer(SiloSettings settings, ILogger<SiloReadyAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarted(logger, settings.SiloName, settings.ClusterId, settings.SiloPort, settings.GatewayPort, settings.Slots);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "OrleansProc silo started: {SiloName} in cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}, {Slots} slots")]
    private static partial void LogStarted(ILogger logger, string siloName, string clusterId, int siloPort, int gatewayPort, int slots);
}
