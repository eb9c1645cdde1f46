namespace OrleansProc.Contracts.Jobs;

/// <summary>One partition of a job as the jobs page shows it: where it is, which silo ran it, its attempts and counters.</summary>
[GenerateSerializer]
[Alias("OrleansProc.PartitionDetail")]
public sealed record PartitionDetail
{
    [Id(0)]
    public int Index { get; init; }

    /// <summary>Pending, Running, Done or Suspect (failed on a bad record that a quote-state check may clear).</summary>
    [Id(1)]
    public string Status { get; init; } = string.Empty;

    /// <summary>The address of the silo whose attempt reported, or empty while no attempt has reported.</summary>
    [Id(2)]
    public string Silo { get; init; } = string.Empty;

    /// <summary>The current attempt; 0 before the first start.</summary>
    [Id(3)]
    public int Attempt { get; init; }

    [Id(4)]
    public int Failures { get; init; }

    [Id(5)]
    public long Rows { get; init; }

    [Id(6)]
    public long Bytes { get; init; }

    [Id(7)]
    public long BadRecords { get; init; }

    /// <summary>When the current attempt started, or null before the first start.</summary>
    [Id(8)]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the current attempt reported, or null while it runs.</summary>
    [Id(9)]
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>What it reads: the first blob and its byte range, and how many more blobs a pack holds.</summary>
    [Id(10)]
    public string Source { get; init; } = string.Empty;

    [Id(11)]
    public string? Error { get; init; }
}
