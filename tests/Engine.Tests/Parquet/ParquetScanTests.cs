using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Parquet;

public sealed class ParquetScanTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT COUNT(*) AS n, COUNT(qty) AS q, SUM(qty) AS s, AVG(amount) AS a, MIN(city) AS lo, MAX(city) AS hi FROM t")]
    [InlineData("SELECT city, COUNT(*) AS n, SUM(qty) AS s, SUM(amount) AS a, SUM(price) AS p FROM t GROUP BY city")]
    [InlineData("SELECT even, MIN(ts) AS first, MAX(ts) AS last, COUNT(half) AS h FROM t GROUP BY even")]
    [InlineData("SELECT id, city, amount FROM t WHERE qty = 4 AND city LIKE '%o%' ORDER BY id LIMIT 20")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE city IS NULL OR amount > 2000")]
    [InlineData("SELECT tiny, COUNT(*) AS n, SUM(wide) AS w, SUM(small) AS f, MIN(ms) AS lo, MAX(ms) AS hi FROM t GROUP BY tiny")]
    public async Task Query_SampleFile_AgreesWithDuckDb(string sql)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        Assert.True(ParquetFiles.RowGroups(file) >= 5);
        await DuckDbOracle.AssertSameAsync(sql, file);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(997)]
    [InlineData(4096)]
    [InlineData(30000)]
    public async Task Query_SmallPartitions_ReadsEveryRowGroupOnce(long partitionSize)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        const string Sql = "SELECT COUNT(*) AS n, SUM(id) AS s, COUNT(city) AS c FROM t";
        await DuckDbOracle.AssertSameAsync(Sql, file, partitionSize: partitionSize);
        var result = await RunAsync(Sql, file, partitionSize);
        Assert.Equal(10_000, result.RowsRead);
        Assert.True(result.Partitions > 1);
    }

    [Fact]
    public async Task Query_ManySmallFiles_PacksThemAndAgreesWithDuckDb()
    {
        for (var f = 0; f < 12; f++)
        {
            ParquetFiles.Write(_folder, $"many/part-{f:D2}.parquet", $"SELECT * FROM ({ParquetFiles.Sample}) WHERE id < 1200 AND id % 12 = {f}", rowGroupSize: 40);
        }

        var glob = Path.Join(_folder.Path, "many", "*.parquet");
        await DuckDbOracle.AssertSameAsync("SELECT city, COUNT(*) AS n, SUM(qty) AS q, MAX(ts) AS m FROM t GROUP BY city", glob, partitionSize: 65536);
        var result = await RunAsync("SELECT COUNT(*) FROM t", glob, partitionSize: 65536);
        Assert.Equal(1200, result.RowsRead);
        Assert.True(result.Partitions < 12);
    }

    [Theory]
    [InlineData("SELECT COUNT(*) AS n, SUM(qty) AS s FROM t WHERE id BETWEEN 2500 AND 2700")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE id >= 9100 AND city = 'Zürich'")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE 3000 > id")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE id IN (5, 7042, 7043)")]
    [InlineData("SELECT COUNT(*) AS n, MIN(id) AS lo FROM t WHERE half IS NULL")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE half IS NOT NULL AND id < 6000")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE ts < CAST('2024-01-01 20:00:00' AS TIMESTAMP)")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE price < 50")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE half > 8000")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE amount <= 100.5")]
    public async Task Query_WhereRefutedByStatistics_SkipsRowGroupsWithTheSameAnswer(string sql)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        var expected = DuckDbOracle.Query(sql, "t", file);
        var result = await RunAsync(sql, file, partitionSize: 30000);
        DuckDbOracle.AssertSameRows(sql, expected, result.Table, ordered: false);
        Assert.True(result.RowGroupsSkipped > 0, $"no row group skipped for {sql}");
    }

    [Theory]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE id BETWEEN 2500 AND 2700 OR qty = 1")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE city < 'Z'")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE id <> 5")]
    public async Task Query_WhereNotRefutable_SkipsNothing(string sql)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        var expected = DuckDbOracle.Query(sql, "t", file);
        var result = await RunAsync(sql, file, partitionSize: null);
        DuckDbOracle.AssertSameRows(sql, expected, result.Table, ordered: false);
        Assert.Equal(0, result.RowGroupsSkipped);
    }

    [Fact]
    public async Task InferSchema_Footer_MapsTypesToTheEngines()
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        var schema = (await LocalJobRunner.InferSchemaAsync([file], DataFormat.Parquet)).Schema;
        Assert.Equal(
            [
                "id BIGINT", "qty BIGINT", "amount DOUBLE", "city VARCHAR", "even BOOLEAN", "ts TIMESTAMP", "price DOUBLE", "day DATE",
                "half BIGINT", "wide DOUBLE", "small DOUBLE", "tiny BIGINT", "ms TIMESTAMP",
            ],
            schema.Columns.Select(c => $"{c.Name} {SqlTypeNames.Name(c.Type)}"));
    }

    [Fact]
    public async Task Query_DateColumn_IsDate()
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", ParquetFiles.Sample);
        const string Sql = "SELECT day, COUNT(*) AS n FROM t WHERE id < 50 GROUP BY day ORDER BY day";
        var result = await RunAsync(Sql, file, partitionSize: null);
        DuckDbOracle.AssertSameRows(Sql, DuckDbOracle.Query(Sql, "t", file), result.Table, ordered: true);
        Assert.Equal("2024-01-02", result.Table.TextRows()[0][0]);
    }

    [Fact]
    public async Task Query_UnsupportedColumnNotRead_Runs()
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", "SELECT i AS id, [i, i + 1] AS tags, {'a': i} AS nested, 'x'::BLOB AS raw FROM range(0, 100) r(i)");
        await DuckDbOracle.AssertSameAsync("SELECT COUNT(*) AS n, SUM(id) AS s FROM t", file);
    }

    [Theory]
    [InlineData("SELECT COUNT(tags) FROM t", "tags")]
    [InlineData("SELECT id FROM t WHERE nested IS NULL", "nested")]
    [InlineData("SELECT MAX(raw) FROM t", "raw")]
    public async Task Query_UnsupportedColumnRead_FailsNamingIt(string sql, string column)
    {
        var file = ParquetFiles.Write(_folder, "t.parquet", "SELECT i AS id, [i, i + 1] AS tags, {'a': i} AS nested, 'x'::BLOB AS raw FROM range(0, 100) r(i)");
        var error = await Assert.ThrowsAsync<QueryException>(() => RunAsync(sql, file, partitionSize: null));
        Assert.Contains($"'{column}'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("error: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_NotParquet_FailsNamingTheFile()
    {
        var file = _folder.Write("bad.parquet", "id,name\n1,a\n");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => RunAsync("SELECT COUNT(*) FROM t", file, partitionSize: null));
        Assert.Contains("bad.parquet", error.Message, StringComparison.Ordinal);
    }

    private static Task<LocalRunResult> RunAsync(string sql, string file, long? partitionSize) =>
        new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = LocalJobRunner.ExpandPaths(file),
            Processor = ProcessorSpec.Query(sql),
            PartitionSize = partitionSize,
        });
}
