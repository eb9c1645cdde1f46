using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Sql;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Aggregation;

public sealed class KllSketchTests
{
    /// <summary>The rank error asserted: 2 % of the count (the sketch's expected error is about 1 %).</summary>
    private const double RankTolerance = 0.02;

    private static readonly double[] Quantiles = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999];

    [Fact]
    public void Quantile_200kShuffledValues_RankWithinTolerance()
    {
        var values = Shuffled(200_000, 1);
        var sketch = new KllSketch();
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        AssertRanks(sketch, values.Length);
        Assert.True(sketch.Size < 4 * KllSketch.K, $"the sketch holds {sketch.Size} items");
    }

    [Fact]
    public void Quantile_MergedAndRoundTrippedSketches_RankWithinTolerance()
    {
        var values = Shuffled(300_000, 2);
        var sketches = Enumerable.Range(0, 13).Select(_ => new KllSketch()).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            sketches[(i / 1000) % sketches.Length].Add(values[i]);
        }

        var merged = new KllSketch();
        foreach (var sketch in sketches)
        {
            merged.Merge(RoundTrip(sketch));
        }

        Assert.Equal(values.Length, merged.Count);
        AssertRanks(RoundTrip(merged), values.Length);
    }

    [Fact]
    public void Quantile_FewValues_ExactRanksAndExtremes()
    {
        var sketch = new KllSketch();
        foreach (var v in new double[] { 5, 1, 9, 3, 7 })
        {
            sketch.Add(v);
        }

        Assert.Equal(1, sketch.Quantile(0));
        Assert.Equal(3, sketch.Quantile(0.4));
        Assert.Equal(5, sketch.Quantile(0.5));
        Assert.Equal(9, sketch.Quantile(1));
        Assert.True(double.IsNaN(new KllSketch().Quantile(0.5)));
    }

    [Fact]
    public void ApproxQuantile_GroupedPartitionsOfBigIntAndTimestamp_RankWithinToleranceAndTypeKept()
    {
        var schema = QueryRunner.MakeSchema(("g", SqlType.Varchar), ("v", SqlType.BigInt), ("ts", SqlType.Timestamp));
        var processor = SqlProcessor.Create("SELECT g, APPROX_QUANTILE(v, 0.9), APPROX_QUANTILE(ts, 0.5), APPROX_QUANTILE(v, 0) FROM t GROUP BY g ORDER BY g", schema);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 120_000)
            .Select(i => new[]
            {
                SqlValue.FromText(i % 2 == 0 ? "ä" : "b"),
                i % 10 == 0 ? SqlValue.Null : SqlValue.FromInt64(random.Next(1_000_000)),
                SqlValue.FromTimestamp(1_700_000_000_000_000 + (random.Next(86_400) * 1_000_000L)),
            })
            .ToList();
        var partials = Enumerable.Range(0, 5).Select(_ => processor.CreatePartial()).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            partials[random.Next(partials.Count)].Accept(rows[i]);
        }

        var merged = QueryRunner.RoundTrip(processor, partials[0]);
        foreach (var p in partials.Skip(1))
        {
            merged.Merge(QueryRunner.RoundTrip(processor, p));
        }

        var result = processor.Finish(merged);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(SqlType.BigInt, result.Columns[1].Type);
        Assert.Equal(SqlType.Timestamp, result.Columns[2].Type);
        foreach (var row in result.Rows)
        {
            var group = rows.Where(r => r[0].Equals(row[0])).ToList();
            var vs = group.Where(r => !r[1].IsNull).Select(r => r[1].Int64).ToList();
            var ts = group.Select(r => r[2].Int64).ToList();
            AssertRank(vs.Count(v => v <= row[1].Int64), vs.Count, 0.9);
            AssertRank(ts.Count(t => t <= row[2].Int64), ts.Count, 0.5);
            Assert.Equal(vs.Min(), row[3].Int64);
        }
    }

    private static void AssertRanks(KllSketch sketch, int count)
    {
        foreach (var q in Quantiles)
        {
            // The values are 0 .. count - 1, so a value's rank is the value itself.
            var value = sketch.Quantile(q);
            AssertRank((long)value + 1, count, q);
        }
    }

    private static void AssertRank(long rank, int count, double q) =>
        Assert.True(Math.Abs(rank - (q * count)) <= RankTolerance * count, $"q {q}: rank {rank} of {count}");

    private static double[] Shuffled(int count, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count).Select(i => (double)i).ToArray();
        random.Shuffle(values);
        return values;
    }

    private static KllSketch RoundTrip(KllSketch sketch)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            sketch.Write(writer);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        return KllSketch.Read(reader);
    }
}
