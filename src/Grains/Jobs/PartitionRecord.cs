namespace OrleansProc.Grains.Jobs;

/// <summary>
/// A partition in the job's state: its status and counters. Its slices (the blob ranges it reads) are in the job's
/// plan blob, not here, so the state stays small however many blobs a partition packs.
/// </summary>
[GenerateSerializer]
[Alias("OrleansProc.PartitionRecord")]
public sealed class PartitionRecord
{
    [Id(1)]
    public PartitionStatus Status { get; set; }

    /// <summary>The current attempt; 0 before the first start.</summary>
    [Id(2)]
    public int Attempt { get; set; }

    /// <summary>Failed attempts so far (an error; a lost silo, a storage outage or a wrong quote guess does not count).</summary>
    [Id(3)]
    public int Failures { get; set; }

    [Id(4)]
    public long Rows { get; set; }

    [Id(5)]
    public long Bytes { get; set; }

    [Id(7)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(8)]
    public string Silo { get; set; } = string.Empty;

    [Id(9)]
    public long BadRecords { get; set; }

    /// <summary>The error of a <see cref="PartitionStatus.Suspect"/> attempt.</summary>
    [Id(10)]
    public string? Error { get; set; }

    /// <summary>
    /// For a partition that is one byte range of a cut blob: the CSV quote state it assumes at its start (planned
    /// false; set when the quote counts of the blob's ranges show the guess was wrong).
    /// </summary>
    [Id(11)]
    public bool StartsInsideQuotes { get; set; }

    /// <summary>For a one-slice partition: the quote bytes its last attempt counted in its range, once reported.</summary>
    [Id(12)]
    public long? QuoteCount { get; set; }

    /// <summary>With <see cref="StartsInsideQuotes"/> false: the range is assumed to start in an unquoted field after a quote read as text.</summary>
    [Id(20)]
    public bool StartsInUnquotedField { get; set; }

    /// <summary>With <see cref="QuoteCount"/>: what its range does to the quote state (the Engine's QuoteTransfer code), once reported.</summary>
    [Id(21)]
    public int? QuoteTransfer { get; set; }

    /// <summary>When the current attempt reported, or null while it runs.</summary>
    [Id(13)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>A pending retry starts no earlier than this (backoff).</summary>
    [Id(17)]
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>Attempts lost to a storage outage: retried while the outage lasts, not counted in <see cref="Failures"/>.</summary>
    [Id(14)]
    public int StorageRetries { get; set; }

    /// <summary>The output blocks the successful attempt of a transform staged.</summary>
    [Id(15)]
    public int OutputBlocks { get; set; }

    /// <summary>Attempts lost with their silo (it died or stopped answering): not counted in <see cref="Failures"/>.</summary>
    [Id(16)]
    public int LostAttempts { get; set; }

    /// <summary>Parquet row groups the successful attempt skipped by their statistics.</summary>
    [Id(18)]
    public long RowGroupsSkipped { get; set; }

    /// <summary>The coordinator epoch that started the current attempt: only a report of that epoch counts.</summary>
    [Id(40)]
    public int Epoch { get; set; }

    /// <summary>Start calls that failed (no silo took the attempt): bounded by <see cref="JobOptions.MaxStartFailures"/>.</summary>
    [Id(41)]
    public int StartFailures { get; set; }

    /// <summary>The speculative copy of a straggling attempt, running beside it (0: none). The first to finish counts.</summary>
    [Id(42)]
    public int SpeculativeAttempt { get; set; }

    /// <summary>The coordinator epoch that started the speculative copy.</summary>
    [Id(43)]
    public int SpeculativeEpoch { get; set; }

    /// <summary>When the speculative copy started.</summary>
    [Id(44)]
    public DateTimeOffset SpeculativeStartedAt { get; set; }

    /// <summary>The highest attempt number given out (main or speculative): a new attempt takes the next, never one used before.</summary>
    [Id(45)]
    public int Attempts { get; set; }

    /// <summary>
    /// The recorded attempt's partial (base64) when it came in its report alone (no partial blob was written): stored
    /// with the record, so a coordinator that resumes the job merges it as it would the blob. Null otherwise, and once
    /// the job ended.
    /// </summary>
    [Id(93)]
    public string? Partial { get; set; }
}
