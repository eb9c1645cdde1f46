using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;
using static OrleansProc.Engine.Tests.Sql.QueryRunner;

namespace OrleansProc.Engine.Tests.Aggregation;

/// <summary>COUNT(DISTINCT): exact, and bounded by --max-groups in the distinct values held over all groups.</summary>
public sealed class CountDistinctStateTests
{
    private const string Query = "SELECT g, COUNT(DISTINCT v) AS n FROM t GROUP BY g ORDER BY g";

    private static readonly TableSchema Schema = MakeSchema(("g", SqlType.BigInt), ("v", SqlType.BigInt));

    private static IPartitionProcessor Create(string sql, int maxGroups) =>
        SqlProcessor.Create(sql, Schema, new SqlProcessorOptions { MaxGroups = maxGroups });

    /// <summary>Rows of 3 groups over values 0 to 49 (some NULL), each row's group and value drawn at random.</summary>
    private static SqlValue[][] RandomRows(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => new[] { I(random.Next(3)), random.Next(10) == 0 ? N : I(random.Next(50)) })
            .ToArray();
    }

    /// <summary>The distinct (group, value) pairs of the rows: the values a COUNT(DISTINCT) holds over all groups.</summary>
    private static int DistinctPairs(IEnumerable<SqlValue[]> rows) =>
        rows.Where(r => !r[1].IsNull).Select(r => (r[0].Int64, r[1].Int64)).Distinct().Count();

    private static (long Group, long Count)[] Expected(IEnumerable<SqlValue[]> rows) =>
        rows.GroupBy(r => r[0].Int64)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (long)g.Where(r => !r[1].IsNull).Select(r => r[1].Int64).Distinct().Count()))
            .ToArray();

    private static (long Group, long Count)[] Actual(ResultTable result) =>
        result.Rows.Select(r => (r[0].Int64, r[1].Int64)).ToArray();

    [Fact]
    public void Accept_ExactlyMaxGroupsDistinctValues_ExactCounts()
    {
        var rows = RandomRows(seed: 7, count: 400);
        var processor = Create(Query, DistinctPairs(rows));

        var result = Run(processor, rows);

        Assert.Equal(Expected(rows), Actual(result));
    }

    [Fact]
    public void Accept_OneDistinctValueMoreThanMaxGroups_ThrowsNamingTheLimit()
    {
        var partial = Create(Query, 10).CreatePartial();

        // 6 values in group 0 and 4 in group 1 (repeats and NULLs hold nothing more): 10 values held.
        foreach (var (g, v) in new[] { (0, 0), (0, 1), (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 0), (1, 1), (1, 2), (1, 3), (1, 3) })
        {
            partial.Accept([I(g), I(v)]);
        }

        partial.Accept([I(1), N]);

        var e = Assert.Throws<QueryException>(() => partial.Accept([I(1), I(4)]));
        Assert.Contains("more than 10 distinct values for COUNT(DISTINCT) (--max-groups 10)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_TwoPartialsExactlyAtMaxGroups_ExactCounts()
    {
        var rows = RandomRows(seed: 11, count: 600);
        var processor = Create(Query, DistinctPairs(rows));
        var a = processor.CreatePartial();
        var b = processor.CreatePartial();
        for (var i = 0; i < rows.Length; i++)
        {
            (i % 2 == 0 ? a : b).Accept(rows[i]);
        }

        var merged = RoundTrip(processor, a);
        merged.Merge(RoundTrip(processor, b));

        Assert.Equal(Expected(rows), Actual(processor.Finish(merged)));
    }

    [Fact]
    public void Merge_TwoPartialsTogetherOverMaxGroups_ThrowsNamingTheLimit()
    {
        var processor = Create("SELECT COUNT(DISTINCT v) FROM t", 10);
        var a = processor.CreatePartial();
        var b = processor.CreatePartial();
        for (var v = 0; v < 8; v++)
        {
            a.Accept([I(0), I(v)]);
            b.Accept([I(0), I(v + 3)]);
        }

        var merged = RoundTrip(processor, a);

        // Each holds 8 values; together 0 to 10, 11 values.
        var e = Assert.Throws<QueryException>(() => merged.Merge(RoundTrip(processor, b)));
        Assert.Contains("more than 10 distinct values for COUNT(DISTINCT) (--max-groups 10)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPartial_MoreDistinctValuesThanTheReadersLimit_ThrowsNamingTheLimit()
    {
        var query = SqlParser.Parse(Query);
        var writer = SqlProcessor.Create(query, Schema);
        var reader = SqlProcessor.Create(query, Schema, new SqlProcessorOptions { MaxGroups = 5 });
        var partial = writer.CreatePartial();
        for (var v = 0; v < 6; v++)
        {
            partial.Accept([I(v % 2), I(v)]);
        }

        using var buffer = new MemoryStream();
        partial.WriteTo(buffer);
        buffer.Position = 0;

        var e = Assert.Throws<QueryException>(() => reader.ReadPartial(buffer));
        Assert.Contains("more than 5 distinct values for COUNT(DISTINCT) (--max-groups 5)", e.Message, StringComparison.Ordinal);
    }
}
