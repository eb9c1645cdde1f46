namespace OrleansProc.Grains.Jobs;

/// <summary>Where one partition of a job is.</summary>
[GenerateSerializer]
[Alias("OrleansProc.PartitionStatus")]
public enum PartitionStatus : byte
{
    Pending = 0,
    Running = 1,
    Done = 2,

    /// <summary>
    /// Failed on a bad record in a range that starts mid-blob: the error is real only if the range's quote-state guess
    /// was right, which the quote counts of the blob's other ranges tell.
    /// </summary>
    Suspect = 3,
}
