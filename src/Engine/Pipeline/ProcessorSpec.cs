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
    };
}
