using Orleans.Concurrency;
using OrleansProc.Contracts.Partitions;

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

    /// <summary>Stops every partition and ends the job as Cancelled. Returns false if it had already finished.</summary>
    [Alias("Cancel")]
    Task<bool> CancelAsync(CancellationToken cancellationToken = default);

    /// <summary>A partition attempt reports its outcome (called by the partition grains).</summary>
    [Alias("ReportPartition")]
    [OneWay]
    Task ReportPartitionAsync(PartitionReport report);
}
