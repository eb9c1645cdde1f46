namespace OrleansProc.Contracts.Partitions;

/// <summary>A receipt from a partition attempt: counters and where its partial is, or why it failed.</summary>
[GenerateSerializer]
[Alias("OrleansProc.PartitionReport")]
public sealed record PartitionReport
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public int Index { get; init; }

    [Id(2)]
    public int Attempt { get; init; }

    [Id(3)]
    public bool Succeeded { get; init; }

    [Id(4)]
    public long Rows { get; init; }

    [Id(5)]
    public long Bytes { get; init; }

    [Id(6)]
    public long BadRecords { get; init; }

    [Id(7)]
    public IReadOnlyList<string> BadRecordSamples { get; init; } = [];

    /// <summary>Quote bytes counted in each slice's range, in slice order (for the coordinator's parity check).</summary>
    [Id(8)]
    public IReadOnlyList<long> SliceQuoteCounts { get; init; } = [];

    /// <summary>
    /// With <see cref="SliceQuoteCounts"/>: what each slice's range does to the CSV quote state (the Engine's
    /// QuoteTransfer code; -1 where unknown), for the coordinator's check of the ranges' start states.
    /// </summary>
    [Id(20)]
    public IReadOnlyList<int> SliceQuoteTransfers { get; init; } = [];

    /// <summary>Why the attempt failed.</summary>
    [Id(9)]
    public string? Error { get; init; }

    /// <summary>True when retrying cannot help (bad input, bad query): the job fails at once.</summary>
    [Id(10)]
    public bool Permanent { get; init; }

    /// <summary>The silo that ran the attempt.</summary>
    [Id(11)]
    public string Silo { get; init; } = string.Empty;

    /// <summary>True when the attempt failed because storage was unreachable: retried while the outage lasts, not counted as a failure.</summary>
    [Id(12)]
    public bool StorageUnreachable { get; init; }

    /// <summary>The output blocks a transform's attempt staged (committed by the coordinator if this attempt counts).</summary>
    [Id(13)]
    public int OutputBlocks { get; init; }

    /// <summary>Parquet row groups that their statistics ruled out for the WHERE (not read).</summary>
    [Id(14)]
    public long RowGroupsSkipped { get; init; }

    /// <summary>True when a blob of the input changed or was deleted since the job was planned (its ETag no longer matches).</summary>
    [Id(15)]
    public bool InputChanged { get; init; }

    /// <summary>The epoch of the assignment this attempt ran (see <see cref="PartitionAssignment.Epoch"/>).</summary>
    [Id(40)]
    public int Epoch { get; init; }

    /// <summary>
    /// A copy of the partial blob's bytes when they are small (the partial blob is written all the same, unless
    /// <see cref="PartialOnlyInReport"/>): the coordinator merges them without reading the blob back. Empty for a large partial or a failed attempt (a partial
    /// is never empty: it has a header).
    /// </summary>
    [Id(80)]
    public ReadOnlyMemory<byte> InlinePartial { get; init; }

    /// <summary>
    /// No partial blob was written (the assignment allowed it, <see cref="PartitionAssignment.PartialInReport"/>, and
    /// the partial is small): <see cref="InlinePartial"/> is the only copy, and the coordinator stores it in its state.
    /// </summary>
    [Id(92)]
    public bool PartialOnlyInReport { get; init; }
}
