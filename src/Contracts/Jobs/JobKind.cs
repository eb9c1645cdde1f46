namespace OrleansProc.Contracts.Jobs;

/// <summary>The built-in kinds of work a job can do.</summary>
[GenerateSerializer]
[Alias("OrleansProc.JobKind")]
public enum JobKind
{
    Query = 0,
    WordCount = 1,
}
