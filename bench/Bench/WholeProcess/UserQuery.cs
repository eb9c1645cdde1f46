namespace OrleansProc.Bench.WholeProcess;

/// <summary>One query as a user would type it, in OrleansProc's local mode and in DuckDB, over one dataset.</summary>
/// <param name="Dataset">The dataset's name (<c>sales</c>, <c>export</c>, or <c>-</c> for the start-up line).</param>
/// <param name="Name">The query's kind, also its <c>--only</c> name.</param>
/// <param name="EngineSql">The query for <c>OrleansProc.Client query ... --format csv</c> (local mode, quoted paths).</param>
/// <param name="DuckSql">The same query for DuckDB (<c>read_csv</c> or <c>read_parquet</c>).</param>
internal sealed record UserQuery(string Dataset, string Name, string EngineSql, string DuckSql)
{
    /// <summary>The client's arguments: <c>query EngineSql --format csv</c> unless set (the word count's own command).</summary>
    public IReadOnlyList<string> ClientArguments { get; init; } = ["query", EngineSql, "--format", "csv"];
}
