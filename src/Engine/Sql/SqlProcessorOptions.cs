namespace OrleansProc.Engine.Sql;

/// <summary>Limits of a SQL processor.</summary>
public sealed class SqlProcessorOptions
{
    /// <summary>
    /// The most rows a query with ORDER BY and no LIMIT keeps (per partial and merged) before it fails with
    /// "result too large: add LIMIT". Default 1,000,000.
    /// </summary>
    public int MaxKeptRows { get; init; } = 1_000_000;

    /// <summary>
    /// The most groups an aggregate query may make, in each partition's partial and in the merge, before it fails with
    /// "more than N groups (--max-groups N)": a bound on memory (a group costs about 100 to 200 bytes plus its key
    /// text) instead of an out-of-memory crash. Each COUNT(DISTINCT) is bounded by it too: the distinct values it holds,
    /// summed over all groups of a partial, may not pass it either; so is each other DISTINCT aggregate, each exact
    /// quantile (MEDIAN, QUANTILE_CONT, QUANTILE_DISC: the values it keeps) and each APPROX_COUNT_DISTINCT (a hash
    /// counts one, a dense sketch 1,024). Default <see cref="DefaultMaxGroups"/>.
    /// </summary>
    public int MaxGroups { get; init; } = DefaultMaxGroups;

    /// <summary>The default of <see cref="MaxGroups"/>: 5,000,000.</summary>
    public const int DefaultMaxGroups = 5_000_000;

    /// <summary>
    /// The most input bytes a joined table may have to be broadcast (read whole and hashed in memory by every silo,
    /// or once by a local run); a join with both sides larger fails. Default <see cref="DefaultBroadcastLimit"/>.
    /// </summary>
    public long BroadcastLimit { get; init; } = DefaultBroadcastLimit;

    /// <summary>The default of <see cref="BroadcastLimit"/>: 64 MiB.</summary>
    public const long DefaultBroadcastLimit = 64L * 1024 * 1024;

    /// <summary>How many rows a transform keeps as its preview. Default 20.</summary>
    public int PreviewRows { get; init; } = 20;
}
