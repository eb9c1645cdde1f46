using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansProc.Contracts.Cluster;

namespace OrleansProc.Grains.Partitions;

/// <summary>
/// Publishes this silo's load to its <see cref="ISiloLoadGrain"/> every second, so <c>cluster status</c> shows a
/// read rate that follows the work (partitions also publish when they start and end).
/// </summary>
public sealed partial class SiloLoadPublisher(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    SiloLoadCounters counters,
    PartitionRunner runner,
    TimeProvider time,
    ILogger<SiloLoadPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        var load = grains.GetGrain<ISiloLoadGrain>(silo.SiloAddress.ToString());
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await load.UpdateAsync(counters.Snapshot(runner.Slots));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPublishFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the silo stops
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Publishing the silo's load failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
