namespace OrleansProc.Contracts.Jobs;

/// <summary>What the user asked for: a SQL query, or a word count of one column of a dataset.</summary>
[GenerateSerializer]
[Alias("OrleansProc.JobSpec")]
public sealed record JobSpec
{
    [Id(0)]
    public JobKind Kind { get; init; }

    /// <summary>The SQL text (queries).</summary>
    [Id(1)]
    public string? Sql { get; init; }

    /// <summary>The dataset (word counts).</summary>
    [Id(2)]
    public string? Dataset { get; init; }

    /// <summary>The text column (word counts).</summary>
    [Id(3)]
    public string? Column { get; init; }

    /// <summary>How many words a word count keeps.</summary>
    [Id(4)]
    public int Top { get; init; } = 20;

    /// <summary>
    /// Blobs larger than this are cut into byte ranges, smaller ones packed up to it. Null: chosen from the dataset's
    /// size and the cluster's cores (about four partitions per core, from 1 MiB to 64 MiB).
    /// </summary>
    [Id(5)]
    public long? PartitionSize { get; init; }

    /// <summary>Count bad records and go on, instead of failing the job at the first.</summary>
    [Id(6)]
    public bool SkipBadRecords { get; init; }

    /// <summary>
    /// The most groups a GROUP BY may make in each partition and in the merge before the job fails naming the limit;
    /// it bounds the values held by each DISTINCT aggregate, exact quantile and APPROX_COUNT_DISTINCT over all groups,
    /// and a word count's distinct words, too.
    /// Null: the default (5,000,000).
    /// </summary>
    [Id(7)]
    public int? MaxGroups { get; init; }

    /// <summary>
    /// The most input bytes a joined dataset may have to be broadcast (read whole by every silo and hashed); a join
    /// with both sides larger fails. Null: the silo's ORLEANSPROC_BROADCAST_LIMIT (default 64 MiB).
    /// </summary>
    [Id(8)]
    public long? BroadcastLimit { get; init; }

    /// <summary>A quote inside an unquoted CSV field is a bad record instead of text (<c>--strict-quotes</c>).</summary>
    [Id(20)]
    public bool StrictQuotes { get; init; }

    /// <summary>What a job does when its dataset changes while it reads it (--snapshot): fail (the default) or re-plan.</summary>
    [Id(9)]
    public SnapshotMode Snapshot { get; init; }

    /// <summary>The file format a transform writes its output dataset in: <c>csv</c> (null: the default) or <c>parquet</c> (<c>--output-format</c>).</summary>
    [Id(21)]
    public string? OutputFormat { get; init; }

    /// <summary>The processor package's name in the processor store (<see cref="JobKind.Run"/>).</summary>
    [Id(70)]
    public string? Processor { get; init; }

    /// <summary>
    /// The package version (its content hash) the job runs: given by the user, or resolved to the latest at submit.
    /// The job is pinned to it, so a newer upload does not change a running job.
    /// </summary>
    [Id(71)]
    public string? ProcessorVersion { get; init; }

    /// <summary>The processor inside the package (<c>run NAME:PROCESSOR</c>); null when the package holds one.</summary>
    [Id(72)]
    public string? ProcessorName { get; init; }

    /// <summary>The processor's arguments (<c>--arg key=value</c>); null or empty for none.</summary>
    [Id(73)]
    public IReadOnlyDictionary<string, string>? Arguments { get; init; }

    /// <summary>Where the processor runs on the silos: <c>thread</c> (null: the default) or <c>process</c> (<c>--isolation</c>).</summary>
    [Id(74)]
    public string? Isolation { get; init; }

    /// <summary>
    /// How long one partition attempt may run before it is failed and started again (<c>--partition-timeout</c>).
    /// Null: the cluster's default (30 minutes).
    /// </summary>
    [Id(40)]
    public TimeSpan? PartitionTimeout { get; init; }

    /// <summary>A one-line description for listings.</summary>
    public string Describe() => Kind switch
    {
        JobKind.WordCount => $"wordcount {Dataset} --column {Column} --top {Top}",
        JobKind.Run => ProcessorRuns.Describe(this),
        _ => Sql ?? string.Empty,
    };
}
