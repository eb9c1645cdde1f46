namespace OrleansProc.Contracts.Jobs;

/// <summary>The built-in kinds of work a job can do.</summary>
[GenerateSerializer]
[Alias("OrleansProc.JobKind")]
public enum JobKind
{
    Query = 0,
    WordCount = 1,

    /// <summary>A user processor from the processor store (<c>run NAME DATASET</c>).</summary>
    Run = 2,
}
