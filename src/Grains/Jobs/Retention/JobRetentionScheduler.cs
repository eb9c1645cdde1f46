using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs.Retention;

/// <summary>
/// Once the silo runs, makes sure the retention sweep's reminder is registered (idempotent: every silo does it, the
/// reminder is one per cluster); tries again every minute until that succeeds.
/// </summary>
public sealed partial class JobRetentionScheduler(IGrainFactory grains, TimeProvider time, ILogger<JobRetentionScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetryPeriod, time);
        try
        {
            do
            {
                try
                {
                    await grains.GetGrain<IJobRetentionGrain>(0).ScheduleAsync(stoppingToken);
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogScheduleFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the silo stops
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the retention sweep's reminder failed; trying again in a minute")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception);
}
