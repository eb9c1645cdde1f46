using Orleans.Concurrency;
using OrleansProc.Contracts.Security;

namespace OrleansProc.Contracts.Partitions;

/// <summary>
/// Owns one attempt at one partition of a job (key: "{jobId}/{index}/{attempt}": a new attempt is a new activation,
/// placed afresh, so a retry never waits on a silo that stopped answering). <see cref="StartAsync"/> returns at once;
/// the work runs on the silo's bounded worker pool and reports back to the job grain. Only silos may call it.
/// </summary>
[Alias("OrleansProc.IPartitionGrain")]
[SiloOnly]
public interface IPartitionGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task StartAsync(PartitionAssignment assignment, CancellationToken cancellationToken = default);

    /// <summary>True while the given attempt is queued or running here.</summary>
    [Alias("IsRunning")]
    [AlwaysInterleave]
    Task<bool> IsRunningAsync(int attempt, CancellationToken cancellationToken = default);

    /// <summary>Stops the running attempt, if any.</summary>
    [Alias("Stop")]
    [AlwaysInterleave]
    Task StopAsync(CancellationToken cancellationToken = default);
}
