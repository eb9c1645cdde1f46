namespace OrleansProc.Contracts.Jobs;

/// <summary>Where a job is in its life.</summary>
[GenerateSerializer]
[Alias("OrleansProc.JobState")]
public enum JobState
{
    None = 0,
    Running = 1,
    Merging = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
}
