using OrleansProc.Contracts.Security;

namespace OrleansProc.Contracts.Jobs;

/// <summary>
/// Deletes jobs that finished longer ago than the retention (ORLEANSPROC_JOB_RETENTION, default 7 days): their state,
/// plans, partials and results; output datasets stay. One per cluster (key: 0), woken by a reminder.
/// </summary>
[Alias("OrleansProc.IJobRetentionGrain")]
[SiloOnly]
public interface IJobRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder that sweeps (idempotent; every silo calls it when it starts).</summary>
    [Alias("Schedule")]
    Task ScheduleAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes every job that finished before <paramref name="now"/> minus the retention; returns their ids.</summary>
    [Alias("Sweep")]
    [ResponseTimeout("00:05:00")]
    Task<IReadOnlyList<string>> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
