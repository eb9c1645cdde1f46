using System.Globalization;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Parquet;

/// <summary>
/// The WHERE's string filters (=, &lt;&gt;, IN, NOT IN, LIKE prefix, suffix and contains, NOT LIKE) on the Parquet
/// column-batch path, compared with DuckDB over the same file: on a dictionary-encoded column and a plain-encoded
/// one, with NULLs and non-ASCII text, in several row groups, on the GROUP BY key itself, with row groups skipped by
/// their statistics and whole chunks in which no row passes.
/// </summary>
public sealed class ParquetStringFilterTests : IDisposable
{
    /// <summary>
    /// 20,000 rows in row groups of 6,000: <c>kind</c> dictionary-encoded (7 values, some non-ASCII, and NULLs),
    /// <c>name</c> plain-encoded (unique, non-ASCII, NULLs), <c>phase</c> in sorted runs (so statistics refute row
    /// groups and whole chunks fail a filter), numbers with NULLs.
    /// </summary>
    private const string Rows = """
        SELECT i AS id,
               CASE WHEN i % 9 = 0 THEN NULL ELSE 'kind-' || (i % 7) || CASE WHEN i % 2 = 0 THEN '-ü' ELSE '' END END AS kind,
               CASE WHEN i % 13 = 0 THEN NULL ELSE 'name-' || i || '-東京-' || md5(CAST(i AS VARCHAR)) END AS name,
               CASE WHEN i < 8000 THEN 'early' WHEN i < 16000 THEN 'middle' ELSE 'late' END AS phase,
               CASE WHEN i % 5 = 0 THEN NULL ELSE i % 100 END AS qty,
               CASE WHEN i % 6 = 0 THEN NULL ELSE i * 0.5 END AS amount
        FROM range(0, 20000) r(i)
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s, AVG(amount) AS a FROM t WHERE kind = 'kind-3-ü'")]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s FROM t WHERE kind <> 'kind-3'")]
    [InlineData("SELECT COUNT(*) AS n, MIN(amount) AS lo FROM t WHERE kind IN ('kind-1', 'kind-2-ü', 'absent')")]
    [InlineData("SELECT COUNT(*) AS n, MAX(qty) AS hi FROM t WHERE kind NOT IN ('kind-1', 'kind-2-ü')")]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s FROM t WHERE kind LIKE '%-ü'")]
    [InlineData("SELECT COUNT(*) AS n, SUM(amount) AS a FROM t WHERE name LIKE 'name-1%'")]
    [InlineData("SELECT COUNT(*) AS n, SUM(amount) AS a FROM t WHERE name LIKE '%-東京-a%'")]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s FROM t WHERE name LIKE '%f'")]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s FROM t WHERE name NOT LIKE '%7%'")]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s FROM t WHERE name = 'name-1234-東京-81dc9bdb52d04dc20036dbd8313ed055'")]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s, AVG(amount) AS a FROM t WHERE kind = 'absent'")]
    [InlineData("SELECT kind, COUNT(*) AS n, SUM(qty) AS s FROM t WHERE kind IN ('kind-1', 'kind-2-ü') GROUP BY kind")]
    [InlineData("SELECT kind, COUNT(*) AS n, AVG(amount) AS a FROM t WHERE kind <> 'kind-0' AND kind LIKE 'kind-%' GROUP BY kind")]
    [InlineData("SELECT kind, COUNT(*) AS n, MAX(amount) AS hi FROM t WHERE phase = 'late' AND qty > 10 GROUP BY kind")]
    [InlineData("SELECT kind, COUNT(*) AS n, SUM(qty) AS s FROM t WHERE phase = 'middle' AND name LIKE '%a%' AND kind <> 'kind-0' GROUP BY kind")]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s FROM t WHERE phase IN ('late', 'middle') AND name NOT LIKE 'name-1%' AND amount < 9000.5")]
    public async Task Query_StringFilters_RunAsBatchesAndAgreeWithDuckDb(string sql)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", Rows, rowGroupSize: 6000);
        var (processor, schema) = ParquetFiles.SqlProcessor(sql, file);
        var plan = Assert.IsType<AggregateQueryProcessor>(processor).BatchPlan;
        Assert.NotNull(plan);
        Assert.NotEmpty(plan.Filters);

        // Every row that passes the string conditions reaches the sink in a batch, none as a row (the numeric ones are
        // the aggregate's to test).
        var sink = new BatchRecordingSink(new ColumnBatch(schema, plan.HeldColumns, plan.Filters));
        ParquetFiles.Scan(file, processor, sink);
        Assert.Equal(0, sink.Rows);
        var where = sql[(sql.IndexOf(" WHERE ", StringComparison.Ordinal) + 7)..].Split(" GROUP BY ")[0];
        var strings = string.Join(" AND ", where.Split(" AND ").Where(c => !c.StartsWith("qty", StringComparison.Ordinal) && !c.StartsWith("amount", StringComparison.Ordinal)));
        Assert.Equal(long.Parse(DuckDbOracle.Query($"SELECT COUNT(*) FROM t WHERE {strings}", "t", file)[0][0]!, CultureInfo.InvariantCulture), sink.BatchRows);

        await DuckDbOracle.AssertSameAsync(sql, file);
        await DuckDbOracle.AssertSameAsync(sql, file, partitionSize: 50_000);
    }

    [Theory]
    [InlineData("SELECT kind, COUNT(*) AS n, SUM(qty) AS s FROM t WHERE phase = 'late' GROUP BY kind")]
    [InlineData("SELECT COUNT(*) AS n, AVG(amount) AS a FROM t WHERE phase IN ('early') AND name LIKE '%b%'")]
    public async Task Query_StringFilterRefutedByStatistics_SkipsRowGroupsWithTheSameAnswer(string sql)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", Rows, rowGroupSize: 6000);
        var (processor, _) = ParquetFiles.SqlProcessor(sql, file);
        Assert.NotNull(Assert.IsType<AggregateQueryProcessor>(processor).BatchPlan);
        var result = await new LocalJobRunner().RunAsync(new LocalJob { Files = [file], Processor = ProcessorSpec.Query(sql) });
        DuckDbOracle.AssertSameRows(sql, DuckDbOracle.Query(sql, "t", file), result.Table, ordered: false);
        Assert.True(result.RowGroupsSkipped > 0, $"no row group skipped for {sql}");
        Assert.True(result.RowGroupsSkipped < ParquetFiles.RowGroups(file));
    }
}
