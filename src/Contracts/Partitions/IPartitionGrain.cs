using Orleans.Concurrency;
namespace OrleansProc.Contracts.Partitions;

/// <summary>
/// Owns one partition of one job (key: "{jobId}/{index}"). <see cref="StartAsync"/> returns at once; the work runs
/// on the silo's bounded worker pool and reports back to the job grain.
/// </summary>
[Alias("OrleansProc.IPartitionGrain")]
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
