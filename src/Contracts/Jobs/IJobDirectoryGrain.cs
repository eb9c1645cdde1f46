namespace OrleansProc.Contracts.Jobs;

/// <summary>The list of recent jobs (key: "default"); bounded, newest first.</summary>
[Alias("OrleansProc.IJobDirectoryGrain")]
public interface IJobDirectoryGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task RecordAsync(JobSummary summary, CancellationToken cancellationToken = default);

    [Alias("List")]
    Task<IReadOnlyList<JobSummary>> ListAsync(int max, CancellationToken cancellationToken = default);
}
