using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;
using OrleansProc.Engine.Tests.Sql;

namespace OrleansProc.Engine.Tests.Aggregation;

public sealed class AggregateMergeTests
{
    private const string Query =
        "SELECT k, g, COUNT(*), COUNT(v), COUNT(DISTINCT v), SUM(v), AVG(v), SUM(x), AVG(x), MIN(x), MAX(k), MIN(v) FROM t GROUP BY k, g";

    private static readonly TableSchema Schema = QueryRunner.MakeSchema(
        ("k", SqlType.Varchar), ("g", SqlType.BigInt), ("v", SqlType.BigInt), ("x", SqlType.Double));

    [Fact]
    public void Merge_RandomPartitionsAndMergeTrees_SameAsLinq()
    {
        var random = new Random(12345);
        var rows = MakeRows(random, 3000);
        var expected = Expected(rows);
        var processor = SqlProcessor.Create(Query, Schema);

        for (var trial = 0; trial < 25; trial++)
        {
            var partitions = random.Next(1, 10);
            var partials = new List<IPartial>();
            for (var p = 0; p < partitions; p++)
            {
                partials.Add(processor.CreatePartial());
            }

            foreach (var row in rows)
            {
                partials[random.Next(partitions)].Accept(row);
            }

            // Serialize every partial, then merge random pairs until one is left: random order and tree shape.
            partials = partials.Select(p => QueryRunner.RoundTrip(processor, p)).ToList();
            while (partials.Count > 1)
            {
                var i = random.Next(partials.Count);
                var target = partials[i];
                partials.RemoveAt(i);
                var j = random.Next(partials.Count);
                var source = partials[j];
                partials.RemoveAt(j);
                target.Merge(source);
                partials.Add(random.Next(2) == 0 ? target : QueryRunner.RoundTrip(processor, target));
            }

            var result = processor.Finish(partials[0]);
            AssertMatches(expected, result);
        }
    }

    [Fact]
    public void Merge_EmptyPartials_GlobalAggregateStillOneRow()
    {
        var processor = SqlProcessor.Create("SELECT COUNT(*), SUM(v) FROM t", Schema);
        var a = processor.CreatePartial();
        a.Merge(QueryRunner.RoundTrip(processor, processor.CreatePartial()));

        var result = processor.Finish(a);

        Assert.Equal([SqlValue.FromInt64(0), SqlValue.Null], Assert.Single(result.Rows));
    }

    [Fact]
    public void Merge_PartialOfAnotherProcessor_Throws()
    {
        var one = SqlProcessor.Create("SELECT COUNT(*) FROM t", Schema);
        var two = SqlProcessor.Create("SELECT COUNT(*) FROM t", Schema);

        Assert.Throws<ArgumentException>(() => one.CreatePartial().Merge(two.CreatePartial()));
    }

    private static SqlValue[][] MakeRows(Random random, int count)
    {
        string?[] keys = ["a", "b", "c", "é", null];
        var rows = new SqlValue[count][];
        for (var i = 0; i < count; i++)
        {
            var k = keys[random.Next(keys.Length)];
            rows[i] =
            [
                k is null ? SqlValue.Null : SqlValue.FromText(k),
                random.Next(10) == 0 ? SqlValue.Null : SqlValue.FromInt64(random.Next(3)),
                random.Next(8) == 0 ? SqlValue.Null : SqlValue.FromInt64(random.NextInt64(-1_000_000_000_000, 1_000_000_000_000) / (random.Next(3) + 1)),
                random.Next(8) == 0 ? SqlValue.Null : SqlValue.FromDouble((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 9))),
            ];
        }

        return rows;
    }

    private static Dictionary<(SqlValue, SqlValue), SqlValue[]> Expected(SqlValue[][] rows)
    {
        var result = new Dictionary<(SqlValue, SqlValue), SqlValue[]>();
        foreach (var group in rows.GroupBy(r => (r[0], r[1])))
        {
            var vs = group.Where(r => !r[2].IsNull).Select(r => r[2].Int64).ToList();
            var xs = group.Where(r => !r[3].IsNull).Select(r => r[3].Float64).ToList();
            var ks = group.Where(r => !r[0].IsNull).Select(r => r[0].Text).ToList();
            result[group.Key] =
            [
                group.Key.Item1,
                group.Key.Item2,
                SqlValue.FromInt64(group.Count()),
                SqlValue.FromInt64(vs.Count),
                SqlValue.FromInt64(vs.Distinct().Count()),
                vs.Count == 0 ? SqlValue.Null : SqlValue.FromInt64(vs.Sum()),
                vs.Count == 0 ? SqlValue.Null : SqlValue.FromDouble((double)vs.Select(v => (decimal)v).Sum() / vs.Count),
                xs.Count == 0 ? SqlValue.Null : SqlValue.FromDouble((double)xs.Select(x => (decimal)x).Sum()),
                xs.Count == 0 ? SqlValue.Null : SqlValue.FromDouble((double)xs.Select(x => (decimal)x).Sum() / xs.Count),
                xs.Count == 0 ? SqlValue.Null : SqlValue.FromDouble(xs.Min()),
                ks.Count == 0 ? SqlValue.Null : SqlValue.FromText(ks.Max(StringComparer.Ordinal)!),
                vs.Count == 0 ? SqlValue.Null : SqlValue.FromInt64(vs.Min()),
            ];
        }

        return result;
    }

    private static void AssertMatches(Dictionary<(SqlValue, SqlValue), SqlValue[]> expected, ResultTable result)
    {
        Assert.Equal(expected.Count, result.Rows.Count);
        foreach (var row in result.Rows)
        {
            var want = expected[(row[0], row[1])];
            for (var i = 0; i < want.Length; i++)
            {
                if (want[i].Type == SqlType.Double && row[i].Type == SqlType.Double)
                {
                    var tolerance = 1e-9 * Math.Max(1, Math.Abs(want[i].Float64));
                    Assert.True(Math.Abs(want[i].Float64 - row[i].Float64) <= tolerance, $"column {i}: {want[i]} vs {row[i]}");
                }
                else
                {
                    Assert.Equal(want[i], row[i]);
                }
            }
        }
    }
}
