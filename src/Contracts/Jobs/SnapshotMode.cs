namespace OrleansProc.Contracts.Jobs;

/// <summary>What a job does when a blob of its dataset changes or goes away while the job reads it (--snapshot).</summary>
[GenerateSerializer]
[Alias("OrleansProc.SnapshotMode")]
public enum SnapshotMode
{
    /// <summary>The job fails at once: "dataset X changed while job J read it (blob B)".</summary>
    Fail = 0,

    /// <summary>The job is planned again from the start over the dataset as it is now (a bounded number of times).</summary>
    Retry = 1,
}
