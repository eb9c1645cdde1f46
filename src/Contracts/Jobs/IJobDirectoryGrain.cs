using OrleansProc.Contracts.Security;

namespace OrleansProc.Contracts.Jobs;

/// <summary>The list of recent jobs (key: "default"); bounded, newest first.</summary>
[Alias("OrleansProc.IJobDirectoryGrain")]
public interface IJobDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates a job's line (called by the coordinators; silos only).</summary>
    [Alias("Record")]
    [SiloOnly]
    Task RecordAsync(JobSummary summary, CancellationToken cancellationToken = default);

    /// <summary>Drops a deleted job's line (silos only). False when it had none.</summary>
    [Alias("Remove")]
    [SiloOnly]
    Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default);

    [Alias("List")]
    Task<IReadOnlyList<JobSummary>> ListAsync(int max, CancellationToken cancellationToken = default);
}
