namespace OrleansProc.Engine.Sql;

/// <summary>Limits of a SQL processor.</summary>
public sealed class SqlProcessorOptions
{
    /// <summary>
    /// The most rows a query with ORDER BY and no LIMIT keeps (per partial and merged) before it fails with
    /// "result too large: add LIMIT". Default 1,000,000.
    /// </summary>
    public int MaxKeptRows { get; init; } = 1_000_000;

    /// <summary>How many rows a transform keeps as its preview. Default 20.</summary>
    public int PreviewRows { get; init; } = 20;
}
