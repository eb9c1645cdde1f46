using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs;

/// <summary>The stored list of recent jobs, newest first, bounded.</summary>
[GenerateSerializer]
[Alias("OrleansProc.JobDirectory")]
public sealed class JobDirectory
{
    public const int MaxJobs = 500;

    [Id(0)]
    public List<JobSummary> Jobs { get; set; } = [];
}
