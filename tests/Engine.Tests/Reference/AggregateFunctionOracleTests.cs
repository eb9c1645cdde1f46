using System.Globalization;
using System.Text;
using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>The statistical, boolean, ARG_MIN/ARG_MAX, exact quantile and DISTINCT aggregates against DuckDB, over one and many partitions.</summary>
public sealed class AggregateFunctionOracleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// A CSV of 3,000 rows: g a group (non-ASCII, some empty), x a BIGINT and d a DOUBLE with NULLs and repeats, b a
    /// BOOLEAN with NULLs, u a unique BIGINT (a permutation), s a text with quotes, commas and newlines, ts a TIMESTAMP.
    /// </summary>
    private string WriteData()
    {
        var random = new Random(20261206);
        string[] groups = ["Oslo", "Zürich", "東京", "Kraków", ""];
        var ids = Enumerable.Range(0, 3000).OrderBy(_ => random.Next()).ToArray();
        var text = new StringBuilder("g,x,d,b,u,s,ts\n");
        for (var i = 0; i < ids.Length; i++)
        {
            var g = groups[random.Next(groups.Length)];
            var x = random.Next(10) == 0 ? string.Empty : random.Next(-50, 200).ToString(CultureInfo.InvariantCulture);
            var d = random.Next(8) == 0 ? string.Empty : (random.NextDouble() * 1000 - 300).ToString("R", CultureInfo.InvariantCulture);
            var b = random.Next(6) switch { 0 => string.Empty, 1 or 2 => "false", _ => "true" };
            var s = random.Next(5) switch { 0 => string.Empty, 1 => "\"a, \"\"q\"\"\nline\"", 2 => "ünï", 3 => "zeta", _ => "\"é, ü\"" };
            var ts = random.Next(7) == 0 ? string.Empty : new DateTime(2024, 1, 1).AddSeconds(random.Next(0, 90 * 86400)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{g},{x},{d},{b},{ids[i]},{s},{ts}\n");
        }

        return _folder.Write("t.csv", text.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2048L)]
    public async Task Statistics_GroupedWithNulls_AgreeWithDuckDb(long? partitionSize)
    {
        var file = WriteData();
        await DuckDbOracle.AssertSameAsync(
            "SELECT g, STDDEV_SAMP(x), STDDEV(d), STDDEV_POP(x), VAR_SAMP(d), VARIANCE(x), VAR_POP(d) FROM t GROUP BY g",
            file,
            partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync(
            "SELECT STDDEV_SAMP(x), VAR_POP(x), STDDEV_SAMP(d) AS one FROM t WHERE u = 7",
            file,
            partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync("SELECT VAR_SAMP(x), STDDEV_POP(d) FROM t WHERE u < 0", file, partitionSize: partitionSize);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2048L)]
    public async Task BoolAndArgExtremes_GroupedWithNulls_AgreeWithDuckDb(long? partitionSize)
    {
        var file = WriteData();
        await DuckDbOracle.AssertSameAsync(
            "SELECT g, BOOL_AND(b), BOOL_OR(b), BOOL_AND(x > -45), BOOL_OR(d > 690) FROM t GROUP BY g",
            file,
            partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync(
            "SELECT g, ARG_MIN(s, u), ARG_MAX(s, u), MIN_BY(x, u), MAX_BY(ts, u), ARG_MIN(u, d), ARG_MAX(g, d), ARG_MIN(b, u) FROM t GROUP BY g",
            file,
            partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync("SELECT BOOL_AND(b), ARG_MIN(x, u) FROM t WHERE u < 0", file, partitionSize: partitionSize);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2048L)]
    public async Task ExactQuantiles_GroupedWithNulls_AgreeWithDuckDb(long? partitionSize)
    {
        var file = WriteData();
        await DuckDbOracle.AssertSameAsync(
            "SELECT g, MEDIAN(x), MEDIAN(d), QUANTILE_CONT(x, 0.3), QUANTILE_CONT(d, 0.99), QUANTILE_DISC(x, 0.25), QUANTILE_DISC(d, 0.9), QUANTILE(u, 0.5) FROM t GROUP BY g",
            file,
            partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync(
            "SELECT g, MEDIAN(s), QUANTILE_DISC(s, 0.1), MEDIAN(ts), QUANTILE_CONT(ts, 0.37), QUANTILE_DISC(ts, 1), MEDIAN(b), QUANTILE_CONT(x, 0), QUANTILE_CONT(x, 1) FROM t GROUP BY g",
            file,
            partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync("SELECT MEDIAN(x), QUANTILE_DISC(s, 0.5) FROM t WHERE u < 0", file, partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync("SELECT MEDIAN(x + u), QUANTILE_CONT(d * 2, 0.5) FROM t WHERE u < 10", file, partitionSize: partitionSize);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2048L)]
    public async Task DistinctAggregates_GroupedWithNulls_AgreeWithDuckDb(long? partitionSize)
    {
        var file = WriteData();
        await DuckDbOracle.AssertSameAsync(
            "SELECT g, SUM(DISTINCT x), AVG(DISTINCT x), SUM(DISTINCT d), AVG(DISTINCT d), COUNT(DISTINCT x % 7), COUNT(DISTINCT LOWER(s)), " +
            "STDDEV_SAMP(DISTINCT x), MEDIAN(DISTINCT x), SUM(x) FROM t GROUP BY g",
            file,
            partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync("SELECT SUM(DISTINCT x), AVG(DISTINCT d) FROM t WHERE u < 0", file, partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync("SELECT g, SUM(DISTINCT x), COUNT(*), AVG(DISTINCT d) FROM t GROUP BY g", file, partitionSize: partitionSize);
    }

    [Fact]
    public async Task NewAggregates_ManyPartitions_AgreeWithDuckDb()
    {
        var file = WriteData();
        await DuckDbOracle.AssertSameAsync(
            "SELECT g, STDDEV_SAMP(x), VAR_POP(d), BOOL_OR(b), ARG_MAX(s, u), MEDIAN(d), QUANTILE_DISC(s, 0.7), SUM(DISTINCT x) FROM t GROUP BY g ORDER BY g",
            file,
            partitionSize: 64);
    }
}
