using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Sql;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Aggregation;

public sealed class HyperLogLogStateTests
{
    private static readonly TableSchema Schema = QueryRunner.MakeSchema(("g", SqlType.BigInt), ("v", SqlType.BigInt), ("s", SqlType.Varchar));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1024)]
    public void ApproxCountDistinct_FewValues_Exact(int distinct)
    {
        var rows = Enumerable.Range(0, distinct * 3).Select(i => Row(0, i % distinct, $"ß{i % distinct}"));

        var result = QueryRunner.Run("SELECT APPROX_COUNT_DISTINCT(v), APPROX_COUNT_DISTINCT(s) FROM t", Schema, rows);

        Assert.Equal([SqlValue.FromInt64(distinct), SqlValue.FromInt64(distinct)], Assert.Single(result.Rows));
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(150_000)]
    [InlineData(1_000_000)]
    public void ApproxCountDistinct_ManyValues_WithinTwoPercent(int distinct)
    {
        var random = new Random(distinct);
        var rows = Enumerable.Range(0, distinct + (distinct / 2)).Select(i => Row(0, random.NextInt64(), i < distinct ? $"東京-{i}" : "東京-0"));

        var result = QueryRunner.Run("SELECT APPROX_COUNT_DISTINCT(s) FROM t", Schema, rows);

        var estimate = Assert.Single(result.Rows)[0].Int64;
        Assert.InRange(estimate, distinct * 0.98, distinct * 1.02);
    }

    [Fact]
    public void ApproxCountDistinct_SplitIntoPartitions_SameEstimateAsOnePartition()
    {
        var processor = SqlProcessor.Create("SELECT g, APPROX_COUNT_DISTINCT(v) FROM t GROUP BY g ORDER BY g", Schema);
        var rows = Enumerable.Range(0, 60_000).Select(i => Row(i % 3, (long)i * i % 40_009 * (i % 3 + 1), null)).ToList();
        var whole = QueryRunner.Run(processor, rows);

        var partials = Enumerable.Range(0, 7).Select(_ => processor.CreatePartial()).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            partials[(i * 31) % 7].Accept(rows[i]);
        }

        var merged = QueryRunner.RoundTrip(processor, partials[6]);
        foreach (var p in partials.Take(6))
        {
            merged.Merge(QueryRunner.RoundTrip(processor, p));
        }

        var split = processor.Finish(merged);
        Assert.Equal(whole.Rows, split.Rows);
        var exact = rows.GroupBy(r => r[0].Int64).Select(g => g.Select(r => r[1].Int64).Distinct().Count()).ToList();
        for (var g = 0; g < 3; g++)
        {
            Assert.InRange(whole.Rows[g][1].Int64, exact[g] * 0.98, exact[g] * 1.02);
        }
    }

    [Fact]
    public void ApproxCountDistinct_DenseSketchesPastTheLimit_ThrowsNamingTheLimit()
    {
        var processor = SqlProcessor.Create("SELECT g, APPROX_COUNT_DISTINCT(v) FROM t GROUP BY g", Schema, new SqlProcessorOptions { MaxGroups = 3000 });
        var rows = Enumerable.Range(0, 6000).Select(i => Row(i % 3, i, null));

        var e = Assert.Throws<QueryException>(() => QueryRunner.Run(processor, rows));

        Assert.Contains("more than 3000 values for APPROX_COUNT_DISTINCT (--max-groups 3000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApproxCountDistinct_NullsOnly_Zero()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new[] { SqlValue.FromInt64(i), SqlValue.Null, SqlValue.Null });

        var result = QueryRunner.Run("SELECT APPROX_COUNT_DISTINCT(v), APPROX_COUNT_DISTINCT(g) FROM t", Schema, rows);

        Assert.Equal([SqlValue.FromInt64(0), SqlValue.FromInt64(10)], Assert.Single(result.Rows));
    }

    private static SqlValue[] Row(long g, long v, string? s) =>
        [SqlValue.FromInt64(g), SqlValue.FromInt64(v), s is null ? SqlValue.Null : SqlValue.FromText(s)];
}
