namespace OrleansProc.Contracts.Jobs;

/// <summary>
/// A job as its planner bound it, once, at submit: how to read the dataset (format, schema, the columns read) and
/// what to compute (the processor's kind, query text or word-count column, limits). Every partition attempt and the
/// merge work from it alone: none reads the dataset's manifest again, and a silo compiles the processor at most once
/// per job. Stored in the job's state and carried by each <see cref="Partitions.PartitionAssignment"/>.
/// </summary>
[GenerateSerializer]
[Alias("OrleansProc.QueryPlan")]
public sealed record QueryPlan
{
    /// <summary>The dataset read (for a query, resolved from its FROM).</summary>
    [Id(0)]
    public required string Dataset { get; init; }

    /// <summary>The dataset's format: csv, jsonl or text.</summary>
    [Id(1)]
    public required string Format { get; init; }

    /// <summary>The dataset's schema as the planner bound the job to it.</summary>
    [Id(2)]
    public required IReadOnlyList<PlanColumn> Columns { get; init; }

    /// <summary>One flag per column: true when the job reads it (readers parse only these).</summary>
    [Id(3)]
    public required IReadOnlyList<bool> ColumnsRead { get; init; }

    [Id(4)]
    public JobKind Kind { get; init; }

    /// <summary>The query text that was parsed and bound (queries).</summary>
    [Id(5)]
    public string? Sql { get; init; }

    /// <summary>The text column, by its name in <see cref="Columns"/> (word counts).</summary>
    [Id(6)]
    public string? Column { get; init; }

    /// <summary>How many words a word count keeps.</summary>
    [Id(7)]
    public int Top { get; init; }

    /// <summary>The most groups (or distinct words) a partial may hold; null for the default.</summary>
    [Id(8)]
    public int? MaxGroups { get; init; }

    /// <summary>Count bad records and go on, instead of failing the job at the first.</summary>
    [Id(9)]
    public bool SkipBadRecords { get; init; }

    /// <summary>The output dataset of a transform, or null.</summary>
    [Id(10)]
    public string? OutputDataset { get; init; }

    /// <summary>
    /// For a query with JOIN: every table in query order (the FROM dataset, then each joined one); the scanned one is
    /// <see cref="Dataset"/> and its blobs are not listed, every other one is read whole by each silo and hashed. Null
    /// without JOIN.
    /// </summary>
    [Id(11)]
    public IReadOnlyList<PlanTable>? Tables { get; init; }

    /// <summary>Which of <see cref="Tables"/> is scanned in partitions (0: the FROM dataset).</summary>
    [Id(12)]
    public int ScannedTable { get; init; }

    /// <summary>The broadcast limit in bytes the planner applied (queries with JOIN).</summary>
    [Id(13)]
    public long? BroadcastLimit { get; init; }

    /// <summary>The CSV field delimiter recorded in the dataset's manifest.</summary>
    [Id(20)]
    public char Delimiter { get; init; } = ',';

    /// <summary>A quote inside an unquoted CSV field is a bad record instead of text.</summary>
    [Id(21)]
    public bool StrictQuotes { get; init; }

    /// <summary>The file format of a transform's output dataset: <c>csv</c> (null: the default) or <c>parquet</c>.</summary>
    [Id(22)]
    public string? OutputFormat { get; init; }

    /// <summary>The processor package's name in the processor store (<see cref="JobKind.Run"/>).</summary>
    [Id(70)]
    public string? Processor { get; init; }

    /// <summary>The package version (content hash) the job is pinned to: every silo loads exactly this one.</summary>
    [Id(71)]
    public string? ProcessorVersion { get; init; }

    /// <summary>The processor inside the package; null when the package holds one.</summary>
    [Id(72)]
    public string? ProcessorName { get; init; }

    /// <summary>The processor's arguments, one <c>key=value</c> per line sorted by key (the Engine's ProcessorArgumentsText); null for none.</summary>
    [Id(73)]
    public string? Arguments { get; init; }

    /// <summary>Where the processor runs: <c>thread</c> (null: the default) or <c>process</c>.</summary>
    [Id(74)]
    public string? Isolation { get; init; }
}
