using Orleans.Concurrency;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Contracts.Security;

namespace OrleansProc.Contracts.Jobs;

/// <summary>
/// The coordinator of one job (key: the job id). It plans the partitions, keeps a bounded window of them in
/// flight, merges the partials they leave in blob storage and stores the result.
/// </summary>
[Alias("OrleansProc.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates and plans the job and starts it; returns as soon as it runs (or why it cannot). Planning lists every
    /// blob of the dataset and stores the plan, which on a loaded cluster or a dataset of many blobs can pass the
    /// default 30 s response timeout: the submit gets 2 minutes.
    /// </summary>
    [Alias("Submit")]
    [ResponseTimeout("00:02:00")]
    Task<SubmitOutcome> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default);

    [Alias("GetStatus")]
    [AlwaysInterleave]
    Task<JobStatus?> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A long poll: the job's status as soon as it has finished, or after <paramref name="timeout"/> (at most 10 s) while
    /// it runs. Null when there is no such job. Followers see the end at once instead of a poll interval later.
    /// </summary>
    [Alias("WaitForStatus")]
    [AlwaysInterleave]
    Task<JobStatus?> WaitForStatusAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>The stored result of a completed job, or null.</summary>
    [Alias("GetResult")]
    [AlwaysInterleave]
    Task<JobResult?> GetResultAsync(CancellationToken cancellationToken = default);

    /// <summary>Each partition's status, silo, attempts and counters (read-only; for the jobs page). Empty for an unknown job.</summary>
    [Alias("GetPartitions")]
    [AlwaysInterleave]
    Task<IReadOnlyList<PartitionDetail>> GetPartitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops every partition and ends the job as Cancelled. Returns false if it had already finished.</summary>
    [Alias("Cancel")]
    Task<bool> CancelAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a finished job's state, plans, partials and result (its output dataset stays). A running job is not
    /// touched (<see cref="JobDeletion.Running"/>); with <paramref name="finishedBefore"/>, neither is one that finished
    /// at or after it (<see cref="JobDeletion.Kept"/>).
    /// </summary>
    [Alias("Delete")]
    Task<JobDeletion> DeleteAsync(DateTimeOffset? finishedBefore = null, CancellationToken cancellationToken = default);

    /// <summary>A partition attempt reports its outcome (called by the partition grains; silos only).</summary>
    [Alias("ReportPartition")]
    [OneWay]
    [SiloOnly]
    Task ReportPartitionAsync(PartitionReport report);
}
