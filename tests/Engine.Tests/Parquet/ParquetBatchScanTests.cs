using System.Globalization;
using DuckDB.NET.Data;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;
using ParquetSharp;

namespace OrleansProc.Engine.Tests.Parquet;

/// <summary>
/// The Parquet scan's two deliveries, column batches (a query with a batch plan) and rows (the rest), each compared
/// with DuckDB over the same files: every type with NULLs, dictionary- and plain-encoded strings, a dictionary that
/// falls back to plain pages within a column chunk, several row groups per partition, row groups skipped by their
/// statistics.
/// </summary>
public sealed class ParquetBatchScanTests : IDisposable
{
    /// <summary>20,000 rows: a dictionary-encoded string (7 values and NULLs), a plain-encoded one (unique, non-ASCII), numbers with NULLs.</summary>
    private const string Strings = """
        SELECT i AS id,
               CASE WHEN i % 9 = 0 THEN NULL ELSE 'kind-' || (i % 7) || CASE WHEN i % 2 = 0 THEN '-ü' ELSE '' END END AS kind,
               CASE WHEN i % 13 = 0 THEN NULL ELSE 'name-' || i || '-東京-' || md5(CAST(i AS VARCHAR)) END AS name,
               CASE WHEN i % 5 = 0 THEN NULL ELSE i % 100 END AS qty,
               CASE WHEN i % 6 = 0 THEN NULL ELSE i * 0.5 END AS amount
        FROM range(0, 20000) r(i)
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT city, COUNT(*) AS n, COUNT(qty) AS q, SUM(qty) AS s, AVG(amount) AS a, MIN(amount) AS lo, MAX(amount) AS hi FROM t WHERE id >= 123 GROUP BY city")]
    [InlineData("SELECT city, MIN(ts) AS t0, MAX(ts) AS t1, MIN(day) AS d0, MAX(day) AS d1, MIN(even) AS e0, MAX(even) AS e1, MIN(ms) AS m0, MAX(ms) AS m1 FROM t GROUP BY city")]
    [InlineData("SELECT COUNT(*) AS n, SUM(price) AS p, SUM(wide) AS w, AVG(small) AS f, SUM(tiny) AS u, COUNT(day) AS d, COUNT(half) AS h FROM t WHERE half < 4000")]
    [InlineData("SELECT city, COUNT(*) AS n, SUM(qty) AS s, MAX(price) AS p FROM t WHERE qty <> 2 AND amount > 100.25 AND tiny <= 150 GROUP BY city")]
    public async Task Query_BatchPlanOverEveryType_AgreesWithDuckDb(string sql)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        AssertBatchPlan(sql, file, expected: true);
        await DuckDbOracle.AssertSameAsync(sql, file);
        await DuckDbOracle.AssertSameAsync(sql, file, partitionSize: 30000);
    }

    [Fact]
    public void Scan_SinkTakingBatches_GetsEveryRowAsBatchesWithDuckDbsValues()
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        const string Sql = "SELECT city, COUNT(*), SUM(qty), SUM(amount), MAX(ts), MAX(day), MAX(even) FROM t GROUP BY city";
        var (processor, schema) = ParquetFiles.SqlProcessor(Sql, file);
        var sink = new BatchRecordingSink(new ColumnBatch(schema, processor.NeededColumns));
        var result = ParquetFiles.Scan(file, processor, sink);

        Assert.Equal(10_000, result.Rows);
        Assert.Equal(0, sink.Rows);
        Assert.Equal(10_000, sink.BatchRows);
        var expected = DuckDbOracle.Query(
            "SELECT COUNT(city) AS c, SUM(qty) AS q, SUM(amount) AS a, COUNT(ts) AS t, COUNT(day) AS d, SUM(CASE WHEN even THEN 1 ELSE 0 END) AS e FROM t", "t", file)[0];
        Assert.Equal(long.Parse(expected[0]!, CultureInfo.InvariantCulture), sink.NonNull[schema.IndexOf("city")]);
        Assert.Equal(long.Parse(expected[1]!, CultureInfo.InvariantCulture), sink.Int64Sums[schema.IndexOf("qty")]);
        Assert.Equal(double.Parse(expected[2]!, CultureInfo.InvariantCulture), sink.DoubleSums[schema.IndexOf("amount")], 1e-6);
        Assert.Equal(long.Parse(expected[3]!, CultureInfo.InvariantCulture), sink.NonNull[schema.IndexOf("ts")]);
        Assert.Equal(long.Parse(expected[4]!, CultureInfo.InvariantCulture), sink.NonNull[schema.IndexOf("day")]);
        Assert.Equal(long.Parse(expected[5]!, CultureInfo.InvariantCulture), sink.Int64Sums[schema.IndexOf("even")]);
    }

    [Fact]
    public void Scan_BatchWithOtherColumns_DeliversRows()
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        var (processor, schema) = ParquetFiles.SqlProcessor("SELECT city, SUM(qty) FROM t GROUP BY city", file);
        var fewer = processor.NeededColumns.Select((needed, i) => needed && i != schema.IndexOf("qty")).ToArray();
        var sink = new BatchRecordingSink(new ColumnBatch(schema, fewer));
        ParquetFiles.Scan(file, processor, sink);

        Assert.Equal(10_000, sink.Rows);
        Assert.Equal(0, sink.BatchRows);
    }

    [Theory]
    [InlineData("SELECT kind, COUNT(*) AS n, SUM(qty) AS s, AVG(amount) AS a FROM t GROUP BY kind", true)]
    [InlineData("SELECT name, COUNT(*) AS n, MAX(qty) AS q FROM t WHERE id % 3 = 0 GROUP BY name", false)]
    [InlineData("SELECT name, COUNT(*) AS n, MAX(qty) AS q FROM t WHERE qty >= 50 GROUP BY name", true)]
    [InlineData("SELECT COUNT(*) AS n, SUM(amount) AS a FROM t WHERE kind = 'kind-3-ü'", true)]
    [InlineData("SELECT kind, COUNT(*) AS n FROM t WHERE name LIKE '%-1999-%' OR kind IS NULL GROUP BY kind", false)]
    [InlineData("SELECT kind, qty, COUNT(*) AS n, MIN(name) AS lo, MAX(name) AS hi FROM t GROUP BY kind, qty", false)]
    [InlineData("SELECT id, kind, name FROM t WHERE qty = 7 ORDER BY id LIMIT 30", false)]
    [InlineData("SELECT COUNT(DISTINCT name) AS names, COUNT(DISTINCT kind) AS kinds FROM t", false)]
    [InlineData("SELECT kind, COUNT(*) AS n, SUM(qty) AS s FROM t WHERE kind <> 'kind-3-ü' GROUP BY kind", true)]
    [InlineData("SELECT kind, COUNT(*) AS n FROM t WHERE kind IN ('kind-1-ü', 'kind-2-ü') AND qty > 5 GROUP BY kind", true)]
    [InlineData("SELECT kind, name, COUNT(*) AS n, SUM(qty) AS s, AVG(amount) AS a, MAX(amount) AS hi FROM t WHERE qty >= 50 GROUP BY kind, name", true)]
    [InlineData("SELECT name, kind, COUNT(qty) AS n, MIN(id) AS lo FROM t WHERE id % 4 = 1 GROUP BY name, kind", false)]
    [InlineData("SELECT kind, kind AS again, COUNT(*) AS n, MIN(amount) AS lo FROM t GROUP BY kind, again", true)]
    public async Task Query_DictionaryAndPlainStrings_AgreesWithDuckDb(string sql, bool batch)
    {
        var file = ParquetFiles.Write(_folder, "s.parquet", Strings, rowGroupSize: 6000);
        Assert.Contains("DICTIONARY", Encodings(file, "kind"), StringComparison.Ordinal);
        Assert.DoesNotContain("DICTIONARY", Encodings(file, "name"), StringComparison.Ordinal);
        AssertBatchPlan(sql, file, batch);
        await DuckDbOracle.AssertSameAsync(sql, file);
        await DuckDbOracle.AssertSameAsync(sql, file, partitionSize: 50_000);
    }

    [Theory]
    [InlineData("SELECT s, COUNT(*) AS n, SUM(id) AS total FROM t GROUP BY s")]
    [InlineData("SELECT s, COUNT(*) AS n FROM t WHERE id > 10 GROUP BY s")]
    [InlineData("SELECT s, id % 4 AS m, COUNT(*) AS n FROM t GROUP BY s, m")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE s LIKE 'v-1%'")]
    [InlineData("SELECT COUNT(*) AS n, SUM(id) AS total FROM t WHERE s = 'v-7'")]
    [InlineData("SELECT s, COUNT(*) AS n, MIN(id) AS lo FROM t WHERE s IN ('v-7', 'v-1999', 'v-2') GROUP BY s")]
    public async Task Query_DictionaryFallingBackToPlainPages_AgreesWithDuckDb(string sql)
    {
        // A small dictionary page limit: the chunk starts dictionary-encoded, then falls back to plain pages of
        // strings whose addresses the reader may reuse from page to page.
        var path = _folder.File("fallback.parquet");
        var ids = Enumerable.Range(0, 30_000).Select(i => (long)i).ToArray();
        var strings = ids.Select(i => i % 17 == 0 ? null : $"v-{(i * 7919) % 2500}").ToArray();
        using (var properties = new WriterPropertiesBuilder().DictionaryPagesizeLimit(2048).DataPagesize(1024).Compression(Compression.Snappy).Build())
        using (var writer = new ParquetFileWriter(path, [new Column<long>("id"), new Column<string>("s")], properties))
        {
            for (var start = 0; start < ids.Length; start += 10_000)
            {
                using var group = writer.AppendRowGroup();
                using (var column = group.NextColumn().LogicalWriter<long>())
                {
                    column.WriteBatch(ids.AsSpan(start, 10_000));
                }

                using (var column = group.NextColumn().LogicalWriter<string?>())
                {
                    column.WriteBatch(strings.AsSpan(start, 10_000));
                }
            }

            writer.Close();
        }

        var encodings = Encodings(path, "s");
        Assert.Contains("DICTIONARY", encodings, StringComparison.Ordinal);
        Assert.Contains("PLAIN", encodings.Replace("PLAIN_DICTIONARY", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        await DuckDbOracle.AssertSameAsync(sql, path);
    }

    [Theory]
    [InlineData("SELECT COUNT(*) AS n, SUM(id) AS total, AVG(x) AS a, MIN(x) AS lo FROM t")]
    [InlineData("SELECT s, COUNT(*) AS n, SUM(x) AS total FROM t GROUP BY s")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE s = 'a'")]
    public async Task Query_FileWithNoRows_AgreesWithDuckDb(string sql)
    {
        var path = _folder.File("empty.parquet");
        using (var writer = new ParquetFileWriter(path, [new Column<long>("id"), new Column<string>("s"), new Column<double?>("x")]))
        {
            writer.Close();
        }

        AssertBatchPlan(sql, path, expected: true);
        await DuckDbOracle.AssertSameAsync(sql, path);
    }

    [Theory]
    [InlineData("SELECT city, COUNT(*) AS n, SUM(qty) AS s FROM t WHERE id >= 9100 GROUP BY city")]
    [InlineData("SELECT COUNT(*) AS n, MAX(ts) AS last FROM t WHERE half > 3000")]
    public async Task Query_BatchPlanWhereRefutedByStatistics_SkipsRowGroupsWithTheSameAnswer(string sql)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        AssertBatchPlan(sql, file, expected: true);
        var result = await new LocalJobRunner().RunAsync(new LocalJob { Files = [file], Processor = ProcessorSpec.Query(sql) });
        DuckDbOracle.AssertSameRows(sql, DuckDbOracle.Query(sql, "t", file), result.Table, ordered: false);
        Assert.True(result.RowGroupsSkipped > 0, $"no row group skipped for {sql}");
        Assert.True(result.RowGroupsSkipped < ParquetFiles.RowGroups(file));
    }

    private static void AssertBatchPlan(string sql, string file, bool expected)
    {
        var (processor, _) = ParquetFiles.SqlProcessor(sql, file);
        Assert.Equal(expected, processor is AggregateQueryProcessor { BatchPlan: not null });
    }


    /// <summary>The encodings DuckDB reads from the footer for every chunk of a column, joined.</summary>
    private static string Encodings(string file, string column)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT string_agg(encodings, ',') FROM parquet_metadata('{file.Replace("'", "''", StringComparison.Ordinal)}') WHERE path_in_schema = '{column}'";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
