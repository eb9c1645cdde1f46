using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// What a job computes, independent of where it runs (local files or the cluster): the input to
/// <see cref="ProcessorFactory"/>. Compares by value, so a cached processor can be checked against the spec it was made for.
/// </summary>
public sealed record ProcessorSpec
{
    public ProcessorKind Kind { get; init; }

    /// <summary>The SQL text (queries).</summary>
    public string? Sql { get; init; }

    /// <summary>The text column (word counts).</summary>
    public string? Column { get; init; }

    /// <summary>How many words a word count keeps.</summary>
    public int Top { get; init; } = 20;

    /// <summary>The most groups (or distinct words) a partial may hold; null for <see cref="SqlProcessorOptions.DefaultMaxGroups"/>.</summary>
    public int? MaxGroups { get; init; }

    /// <summary>The most input bytes a joined table may have to be broadcast; null for <see cref="SqlProcessorOptions.DefaultBroadcastLimit"/>.</summary>
    public long? BroadcastLimit { get; init; }

    /// <summary>The file format a transform writes its output rows in: <see cref="DataFormat.Csv"/> or <see cref="DataFormat.Parquet"/>.</summary>
    public DataFormat OutputFormat { get; init; } = DataFormat.Csv;

    /// <summary>
    /// The user processor's name inside its package (the <c>[Processor]</c> name or the class name); null when the
    /// package holds one processor (user processors).
    /// </summary>
    public string? ProcessorName { get; init; }

    /// <summary>
    /// The local folder holding the user processor's assembly and its dependencies, one folder per package version
    /// (user processors): the path the user gave in local mode, the silo's download of the pinned version in the cluster.
    /// </summary>
    public string? PackageFolder { get; init; }

    /// <summary>The <c>--arg key=value</c> arguments, one <c>key=value</c> per line, sorted by key (user processors); compares by value.</summary>
    public string? Arguments { get; init; }

    /// <summary>Where the user processor runs (user processors).</summary>
    public ProcessorIsolation Isolation { get; init; }

    /// <summary>A SQL query's spec.</summary>
    public static ProcessorSpec Query(string sql, int? maxGroups = null) => new() { Kind = ProcessorKind.Query, Sql = sql, MaxGroups = maxGroups };

    /// <summary>A word count's spec.</summary>
    public static ProcessorSpec WordCount(string column, int top, int? maxGroups = null) =>
        new() { Kind = ProcessorKind.WordCount, Column = column, Top = top, MaxGroups = maxGroups };

    /// <summary>The limits the spec asks for (a word count uses only its MaxGroups); defaults for those it leaves out.</summary>
    public SqlProcessorOptions Options() => new()
    {
        MaxGroups = MaxGroups ?? SqlProcessorOptions.DefaultMaxGroups,
        BroadcastLimit = BroadcastLimit ?? SqlProcessorOptions.DefaultBroadcastLimit,
        OutputFormat = OutputFormat,
    };
}
