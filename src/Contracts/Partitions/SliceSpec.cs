namespace OrleansProc.Contracts.Partitions;

/// <summary>
/// One input slice of a partition: a byte range of a blob cut at record boundaries (a record belongs to the range
/// it starts in), or a whole blob (<see cref="RangeEnd"/> = long.MaxValue).
/// </summary>
[GenerateSerializer]
[Alias("OrleansProc.SliceSpec")]
public sealed record SliceSpec
{
    [Id(0)]
    public required string BlobName { get; init; }

    [Id(1)]
    public long RangeStart { get; init; }

    [Id(2)]
    public long RangeEnd { get; init; } = long.MaxValue;

    [Id(3)]
    public bool Gzip { get; init; }

    /// <summary>The CSV quote state just before <see cref="RangeStart"/> that the partition assumes.</summary>
    [Id(4)]
    public bool StartsInsideQuotes { get; init; }

    /// <summary>The partition assumes its range starts inside an unquoted CSV field, just after a quote read as text.</summary>
    [Id(20)]
    public bool StartsInUnquotedField { get; init; }
}
