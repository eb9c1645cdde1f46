using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Contracts.Datasets;

/// <summary>A registered dataset: its blobs, format and schema.</summary>
[GenerateSerializer]
[Alias("OrleansProc.DatasetInfo")]
public sealed record DatasetInfo
{
    [Id(0)]
    public required string Name { get; init; }

    /// <summary>csv, jsonl or text.</summary>
    [Id(1)]
    public required string Format { get; init; }

    [Id(2)]
    public required IReadOnlyList<ResultColumn> Columns { get; init; }

    [Id(3)]
    public int Blobs { get; init; }

    [Id(4)]
    public long Bytes { get; init; }

    [Id(5)]
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>True when the schema was given by the user rather than inferred.</summary>
    [Id(6)]
    public bool SchemaGiven { get; init; }

    /// <summary>The CSV field delimiter (given at upload, or tab for .tsv, or sniffed from the first blob).</summary>
    [Id(20)]
    public char Delimiter { get; init; } = ',';
}
