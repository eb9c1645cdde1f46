using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Contracts.Jobs;

/// <summary>One table of a query with JOIN, as its planner bound it: the dataset, its format and schema, and its blobs (each whole).</summary>
[GenerateSerializer]
[Alias("OrleansProc.PlanTable")]
public sealed record PlanTable
{
    [Id(0)]
    public required string Dataset { get; init; }

    /// <summary>csv, jsonl or text.</summary>
    [Id(1)]
    public required string Format { get; init; }

    [Id(2)]
    public required IReadOnlyList<PlanColumn> Columns { get; init; }

    /// <summary>The blobs of a broadcast table, each a whole slice; empty for the scanned table.</summary>
    [Id(3)]
    public required IReadOnlyList<SliceSpec> Blobs { get; init; }

    /// <summary>The CSV field delimiter recorded in the dataset's manifest.</summary>
    [Id(4)]
    public char Delimiter { get; init; } = ',';
}
