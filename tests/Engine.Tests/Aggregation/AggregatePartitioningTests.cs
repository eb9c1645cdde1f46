using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Sql;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Aggregation;

/// <summary>
/// The newer aggregates merged from partials: any split of the rows into partitions, every partial serialized and
/// read back, merged in any order, gives the answer of one partition (doubles to 1e-9 relative).
/// </summary>
public sealed class AggregatePartitioningTests
{
    private const string Query =
        "SELECT k, STDDEV_SAMP(v), VAR_POP(x), STDDEV_POP(x), VARIANCE(v), BOOL_AND(f), BOOL_OR(f), ARG_MIN(k2, v), ARG_MAX(x, v), " +
        "MEDIAN(v), QUANTILE_CONT(x, 0.9), QUANTILE_DISC(k2, 0.3), MEDIAN(k2), SUM(DISTINCT v), AVG(DISTINCT x), APPROX_COUNT_DISTINCT(v), " +
        "APPROX_COUNT_DISTINCT(k2) FROM t GROUP BY k";

    private static readonly TableSchema Schema = QueryRunner.MakeSchema(
        ("k", SqlType.Varchar), ("v", SqlType.BigInt), ("x", SqlType.Double), ("f", SqlType.Boolean), ("k2", SqlType.Varchar));

    [Fact]
    public void Finish_RandomPartitionsAndMergeOrders_SameAsOnePartition()
    {
        var random = new Random(99);
        var rows = MakeRows(random, 4000);
        var processor = SqlProcessor.Create(Query, Schema);
        var expected = Sorted(QueryRunner.Run(processor, rows));
        for (var trial = 0; trial < 12; trial++)
        {
            var partials = Enumerable.Range(0, random.Next(2, 9)).Select(_ => processor.CreatePartial()).ToList();
            foreach (var row in rows)
            {
                partials[random.Next(partials.Count)].Accept(row);
            }

            partials = partials.Select(p => QueryRunner.RoundTrip(processor, p)).OrderBy(_ => random.Next()).ToList();
            var merged = partials[0];
            foreach (var p in partials.Skip(1))
            {
                merged.Merge(p);
                merged = random.Next(2) == 0 ? merged : QueryRunner.RoundTrip(processor, merged);
            }

            AssertSame(expected, Sorted(processor.Finish(merged)));
        }
    }

    [Fact]
    public void StddevSamp_LargeOffsetSplitIntoPartitions_NoCancellation()
    {
        // Values 1e9 + 1 .. 1e9 + 1000: the standard deviation of 1 .. 1000, which a naive sum of squares loses.
        var processor = SqlProcessor.Create("SELECT STDDEV_SAMP(x), VAR_POP(x) FROM t", Schema);
        var partials = Enumerable.Range(0, 4).Select(_ => processor.CreatePartial()).ToList();
        for (var i = 1; i <= 1000; i++)
        {
            partials[i % 4].Accept([QueryRunner.S("a"), QueryRunner.N, QueryRunner.D(1e9 + i), QueryRunner.N, QueryRunner.N]);
        }

        var merged = QueryRunner.RoundTrip(processor, partials[0]);
        foreach (var p in partials.Skip(1))
        {
            merged.Merge(QueryRunner.RoundTrip(processor, p));
        }

        var row = Assert.Single(processor.Finish(merged).Rows);
        var mean = 500.5;
        var m2 = Enumerable.Range(1, 1000).Sum(i => (i - mean) * (i - mean));
        Assert.Equal(Math.Sqrt(m2 / 999), row[0].Float64, 1e-6);
        Assert.Equal(m2 / 1000, row[1].Float64, 1e-6);
    }

    [Fact]
    public void ArgMinArgMax_TiesOnValue_LeastArgWhateverTheOrder()
    {
        var processor = SqlProcessor.Create("SELECT ARG_MIN(k2, v), ARG_MAX(k2, v), MIN_BY(x, v) FROM t", Schema);
        SqlValue[][] rows =
        [
            [QueryRunner.S("a"), QueryRunner.I(5), QueryRunner.D(2), QueryRunner.N, QueryRunner.S("zé")],
            [QueryRunner.S("a"), QueryRunner.I(1), QueryRunner.D(9), QueryRunner.N, QueryRunner.S("y")],
            [QueryRunner.S("a"), QueryRunner.I(1), QueryRunner.D(3), QueryRunner.N, QueryRunner.S("x")],
            [QueryRunner.S("a"), QueryRunner.I(5), QueryRunner.D(1), QueryRunner.N, QueryRunner.S("b")],
            [QueryRunner.S("a"), QueryRunner.I(0), QueryRunner.D(1), QueryRunner.N, QueryRunner.N],
            [QueryRunner.S("a"), QueryRunner.N, QueryRunner.D(0), QueryRunner.N, QueryRunner.S("a")],
        ];

        var forward = QueryRunner.Run(processor, rows);
        var backward = QueryRunner.Run(processor, rows.Reverse());

        SqlValue[] want = [QueryRunner.S("x"), QueryRunner.S("b"), QueryRunner.D(1)];
        Assert.Equal(want, Assert.Single(forward.Rows));
        Assert.Equal(want, Assert.Single(backward.Rows));
    }

    [Fact]
    public void Median_MoreValuesThanTheLimit_ThrowsNamingTheLimitAndApproxQuantile()
    {
        var processor = SqlProcessor.Create("SELECT MEDIAN(v) FROM t", Schema, new SqlProcessorOptions { MaxGroups = 100 });
        var rows = Enumerable.Range(0, 101).Select(i => new[] { QueryRunner.S("a"), QueryRunner.I(i), QueryRunner.N, QueryRunner.N, QueryRunner.N });

        var e = Assert.Throws<QueryException>(() => QueryRunner.Run(processor, rows));

        Assert.Contains("more than 100 values for MEDIAN (--max-groups 100)", e.Message, StringComparison.Ordinal);
        Assert.Contains("APPROX_QUANTILE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SumDistinct_MoreValuesThanTheLimit_Throws()
    {
        var processor = SqlProcessor.Create("SELECT SUM(DISTINCT v) FROM t", Schema, new SqlProcessorOptions { MaxGroups = 10 });
        var rows = Enumerable.Range(0, 11).Select(i => new[] { QueryRunner.S("a"), QueryRunner.I(i), QueryRunner.N, QueryRunner.N, QueryRunner.N });

        var e = Assert.Throws<QueryException>(() => QueryRunner.Run(processor, rows));

        Assert.Contains("more than 10 distinct values for SUM(DISTINCT)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT QUANTILE_CONT(v, 1.5) FROM t", "constant quantile from 0 to 1")]
    [InlineData("SELECT QUANTILE_CONT(v, v) FROM t", "constant quantile from 0 to 1")]
    [InlineData("SELECT APPROX_QUANTILE(v, NULL) FROM t", "constant quantile from 0 to 1")]
    [InlineData("SELECT QUANTILE_CONT(k, 0.5) FROM t", "QUANTILE_CONT needs a numeric or TIMESTAMP argument, got VARCHAR")]
    [InlineData("SELECT APPROX_QUANTILE(k, 0.5) FROM t", "APPROX_QUANTILE needs a numeric or TIMESTAMP argument")]
    [InlineData("SELECT STDDEV(k) FROM t", "STDDEV needs a numeric argument")]
    [InlineData("SELECT BOOL_AND(v) FROM t", "BOOL_AND needs a BOOLEAN argument, got BIGINT")]
    [InlineData("SELECT ARG_MIN(v) FROM t", "ARG_MIN takes 2 arguments, got 1")]
    [InlineData("SELECT MEDIAN(*) FROM t", "MEDIAN(*) is not allowed")]
    [InlineData("SELECT ARG_MAX(DISTINCT v, x) FROM t", "ARG_MAX(DISTINCT ...) is not supported")]
    [InlineData("SELECT MEDIAN(MEDIAN(v)) FROM t", "aggregate functions cannot be nested")]
    [InlineData("SELECT k FROM t WHERE BOOL_OR(f)", "aggregate functions are not allowed in WHERE")]
    public void Create_BadAggregateCall_ThrowsWithPosition(string sql, string message)
    {
        var e = Assert.Throws<QueryException>(() => SqlProcessor.Create(sql, Schema));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, column", e.Message, StringComparison.Ordinal);
    }

    private static SqlValue[][] MakeRows(Random random, int count)
    {
        string?[] keys = ["a", "b", "é", "東京", null];
        var rows = new SqlValue[count][];
        for (var i = 0; i < count; i++)
        {
            var k = keys[random.Next(keys.Length)];
            rows[i] =
            [
                k is null ? SqlValue.Null : SqlValue.FromText(k),
                random.Next(10) == 0 ? SqlValue.Null : SqlValue.FromInt64(random.NextInt64(-1_000_000, 1_000_000) / (random.Next(3) + 1)),
                random.Next(8) == 0 ? SqlValue.Null : SqlValue.FromDouble((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 6))),
                random.Next(4) == 0 ? SqlValue.Null : SqlValue.FromBool(random.Next(30) != 0),
                random.Next(6) == 0 ? SqlValue.Null : SqlValue.FromText("w" + random.Next(2000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ];
        }

        return rows;
    }

    private static List<SqlValue[]> Sorted(ResultTable table) =>
        [.. table.Rows.OrderBy(r => r[0].IsNull ? "\uffff" : r[0].Text, StringComparer.Ordinal)];

    private static void AssertSame(List<SqlValue[]> expected, List<SqlValue[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            for (var c = 0; c < expected[r].Length; c++)
            {
                var want = expected[r][c];
                var got = actual[r][c];
                if (want.Type == SqlType.Double && got.Type == SqlType.Double)
                {
                    Assert.True(Math.Abs(want.Float64 - got.Float64) <= 1e-9 * Math.Max(1, Math.Abs(want.Float64)), $"row {r}, column {c}: {want} vs {got}");
                }
                else
                {
                    Assert.True(want.Equals(got), $"row {r}, column {c}: {want} vs {got}");
                }
            }
        }
    }
}
