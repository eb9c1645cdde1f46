using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Aggregation;

/// <summary>
/// The aggregate states' updates over a whole batch vector (the column-batch path of CSV and Parquet): a selection of
/// rows, a group per selected row, NULLs flagged, against LINQ over the same values.
/// </summary>
public sealed class BatchAggregateUpdateTests
{
    private const int Rows = 1000;
    private const int Groups = 7;

    private static readonly int[] Selection = [.. Enumerable.Range(0, Rows).Where(r => r % 3 != 1)];
    private static readonly int[] GroupOf = [.. Selection.Select(r => r * 31 % Groups)];
    private static readonly bool[] Nulls = [.. Enumerable.Range(0, Rows).Select(r => r % 11 == 0)];
    private static readonly bool[] NoNulls = new bool[Rows];

    /// <summary>Values near both ends of BIGINT, so every group's running sum leaves the 64-bit range and comes back.</summary>
    private static readonly long[] Longs = [.. Enumerable.Range(0, Rows).Select(r => r % 4 < 2 ? long.MaxValue - r : long.MinValue + (r * 3))];

    /// <summary>Quarters: every sum of them is exact in any order.</summary>
    private static readonly double[] Doubles = [.. Enumerable.Range(0, Rows).Select(r => ((r * 37 % 401) - 200) * 0.25)];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IntegerSumAddAll_GroupsAndNulls_SameAsLinqInt128(bool withNulls)
    {
        var nulls = withNulls ? Nulls : NoNulls;
        var state = Sized(new IntegerSumState(average: true));
        state.AddAll(GroupOf, Selection, Longs, nulls, withNulls);

        for (var g = 0; g < Groups; g++)
        {
            var values = Selected(g, nulls).Select(r => (Int128)Longs[r]).ToList();
            var expected = (double)values.Aggregate(Int128.Zero, (a, b) => a + b) / values.Count;
            Assert.Equal(expected, state.Result(g).Float64);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IntegerSumAddToGroup_RunningSumLeavingBigIntRange_ExactTotal(bool withNulls)
    {
        var nulls = withNulls ? Nulls : NoNulls;
        var rows = new[] { 0, 1, 2, 3, 4, 5, 6, 7 }; // rows 0, 1, 4, 5 near the maximum, 2, 3, 6, 7 near the minimum
        var state = Sized(new IntegerSumState(average: false));
        state.AddToGroup(2, rows, Longs, nulls, withNulls);

        var expected = rows.Where(r => !nulls[r]).Aggregate(Int128.Zero, (a, r) => a + Longs[r]);
        Assert.Equal((long)expected, state.Result(2).Int64);
        Assert.True(state.Result(0).IsNull);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void DoubleSum_AllGroupsOrOneGroup_SameAsLinq(bool withNulls, bool oneGroup)
    {
        var nulls = withNulls ? Nulls : NoNulls;
        var state = Sized(new DoubleSumState(average: false));
        if (oneGroup)
        {
            state.AddToGroup(3, Selection, Doubles, nulls, withNulls);
            Assert.Equal(Selection.Where(r => !nulls[r]).Sum(r => Doubles[r]), state.Result(3).Float64);
            return;
        }

        state.AddAll(GroupOf, Selection, Doubles, nulls, withNulls);
        for (var g = 0; g < Groups; g++)
        {
            Assert.Equal(Selected(g, nulls).Sum(r => Doubles[r]), state.Result(g).Float64);
        }
    }

    [Fact]
    public void Counts_StarAndNonNull_SameAsLinq()
    {
        var star = Sized(new CountState(star: true));
        var nonNull = Sized(new CountState(star: false));
        star.IncrementAll(GroupOf);
        nonNull.IncrementNonNull(GroupOf, Selection, Nulls);

        for (var g = 0; g < Groups; g++)
        {
            Assert.Equal(Selected(g, NoNulls).Count(), star.Result(g).Int64);
            Assert.Equal(Selected(g, Nulls).Count(), nonNull.Result(g).Int64);
        }
    }

    [Fact]
    public void MinMax_DoublesAndIntegers_SameAsLinq()
    {
        var (minDouble, maxDouble) = (Sized(new MinMaxState(max: false, SqlType.Double)), Sized(new MinMaxState(max: true, SqlType.Double)));
        var (minLong, maxLong) = (Sized(new MinMaxState(max: false, SqlType.BigInt)), Sized(new MinMaxState(max: true, SqlType.BigInt)));
        minDouble.UpdateAll(GroupOf, Selection, Doubles, Nulls, anyNull: true);
        maxDouble.UpdateAll(GroupOf, Selection, Doubles, Nulls, anyNull: true);
        minLong.UpdateAll(GroupOf, Selection, Longs, Nulls, anyNull: true);
        maxLong.UpdateAll(GroupOf, Selection, Longs, Nulls, anyNull: true);

        for (var g = 0; g < Groups; g++)
        {
            var rows = Selected(g, Nulls).ToList();
            Assert.Equal(rows.Min(r => Doubles[r]), minDouble.Result(g).Float64);
            Assert.Equal(rows.Max(r => Doubles[r]), maxDouble.Result(g).Float64);
            Assert.Equal(rows.Min(r => Longs[r]), minLong.Result(g).Int64);
            Assert.Equal(rows.Max(r => Longs[r]), maxLong.Result(g).Int64);
        }
    }

    [Fact]
    public void MinMaxDoubles_WithNaN_NaNIsTheLargestAsInDuckDb()
    {
        // Group 0: numbers and a NaN; group 1: only NaN; group 2: numbers with -0.0 and 0.0.
        double[] values = [3.5, double.NaN, -2, double.NaN, -0.0, 0.0, 1];
        int[] rows = [0, 1, 2, 3, 4, 5, 6];
        int[] groups = [0, 0, 0, 1, 2, 2, 2];
        var (min, max) = (Sized(new MinMaxState(max: false, SqlType.Double)), Sized(new MinMaxState(max: true, SqlType.Double)));
        min.UpdateAll(groups, rows, values, new bool[rows.Length], anyNull: false);
        max.UpdateAll(groups, rows, values, new bool[rows.Length], anyNull: false);

        Assert.Equal(-2, min.Result(0).Float64);
        Assert.True(double.IsNaN(max.Result(0).Float64));
        Assert.True(double.IsNaN(min.Result(1).Float64));
        Assert.True(double.IsNaN(max.Result(1).Float64));
        Assert.Equal(0.0, Math.Abs(min.Result(2).Float64));
        Assert.Equal(1, max.Result(2).Float64);
    }

    [Fact]
    public void MinDoubles_GroupHoldingNaNThenNumbers_NumberReplacesNaN()
    {
        var min = Sized(new MinMaxState(max: false, SqlType.Double));
        min.UpdateAll([0, 1], [0, 1], [double.NaN, 4.0], new bool[2], anyNull: false);
        Assert.True(double.IsNaN(min.Result(0).Float64));

        // A batch without NaN after a group holds one: the smallest number still replaces it.
        min.UpdateAll([0, 0, 1], [0, 1, 2], [7.5, -1.25, 3.0], new bool[3], anyNull: false);

        Assert.Equal(-1.25, min.Result(0).Float64);
        Assert.Equal(3.0, min.Result(1).Float64);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MinMaxDoubles_SignedZeros_FirstOfEqualValuesKept(bool nanInVector)
    {
        // Groups 0 and 1 see 0.0 and -0.0 in opposite orders; a NaN in an unselected row sends the batch down the NaN-aware loop.
        double[] values = [0.0, -0.0, -0.0, 0.0, nanInVector ? double.NaN : 9];
        int[] rows = [0, 1, 2, 3];
        int[] groups = [0, 0, 1, 1];
        var (min, max) = (Sized(new MinMaxState(max: false, SqlType.Double)), Sized(new MinMaxState(max: true, SqlType.Double)));
        min.UpdateAll(groups, rows, values, new bool[values.Length], anyNull: false);
        max.UpdateAll(groups, rows, values, new bool[values.Length], anyNull: false);

        Assert.False(double.IsNegative(min.Result(0).Float64));
        Assert.False(double.IsNegative(max.Result(0).Float64));
        Assert.True(double.IsNegative(min.Result(1).Float64));
        Assert.True(double.IsNegative(max.Result(1).Float64));
    }

    [Fact]
    public void MinMax_ManyGroupsOverSeveralBatches_SameAsLinq()
    {
        const int groupCount = 5_000;
        var random = new Random(11);
        var (minDouble, maxDouble) = (new MinMaxState(max: false, SqlType.Double), new MinMaxState(max: true, SqlType.Double));
        var (minLong, maxLong) = (new MinMaxState(max: false, SqlType.BigInt), new MinMaxState(max: true, SqlType.BigInt));
        var doubles = new List<double>[groupCount];
        var longs = new List<long>[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            (doubles[g], longs[g]) = ([], []);
        }

        for (var batch = 0; batch < 40; batch++)
        {
            // The groups grow as batches come, as a partial's do; a few batches hold a NaN, some NULLs.
            var reach = Math.Min(groupCount, (batch + 1) * 200);
            var rows = Enumerable.Range(0, Rows).Where(r => random.Next(4) != 0).ToArray();
            var groups = rows.Select(_ => random.Next(reach)).ToArray();
            var batchDoubles = Enumerable.Range(0, Rows).Select(_ => random.Next(500) == 0 ? double.NaN : Math.Round(random.NextDouble() * 1000 - 500, 2)).ToArray();
            var batchLongs = Enumerable.Range(0, Rows).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();
            var nulls = Enumerable.Range(0, Rows).Select(_ => batch % 3 == 0 && random.Next(10) == 0).ToArray();
            foreach (var state in new[] { minDouble, maxDouble, minLong, maxLong })
            {
                state.EnsureCapacity(reach);
            }

            minDouble.UpdateAll(groups, rows, batchDoubles, nulls, nulls.Contains(true));
            maxDouble.UpdateAll(groups, rows, batchDoubles, nulls, nulls.Contains(true));
            minLong.UpdateAll(groups, rows, batchLongs, nulls, nulls.Contains(true));
            maxLong.UpdateAll(groups, rows, batchLongs, nulls, nulls.Contains(true));
            for (var i = 0; i < rows.Length; i++)
            {
                if (!nulls[rows[i]])
                {
                    doubles[groups[i]].Add(batchDoubles[rows[i]]);
                    longs[groups[i]].Add(batchLongs[rows[i]]);
                }
            }
        }

        for (var g = 0; g < groupCount; g++)
        {
            if (doubles[g].Count == 0)
            {
                Assert.True(minDouble.Result(g).IsNull && maxDouble.Result(g).IsNull && minLong.Result(g).IsNull && maxLong.Result(g).IsNull);
                continue;
            }

            // NaN is the largest value (DuckDB's order): MIN ignores it unless it is all there is, MAX is it when present.
            var numbers = doubles[g].Where(v => !double.IsNaN(v)).ToList();
            Assert.Equal(numbers.Count > 0 ? numbers.Min() : double.NaN, minDouble.Result(g).Float64);
            Assert.Equal(numbers.Count < doubles[g].Count ? double.NaN : numbers.Max(), maxDouble.Result(g).Float64);
            Assert.Equal(longs[g].Min(), minLong.Result(g).Int64);
            Assert.Equal(longs[g].Max(), maxLong.Result(g).Int64);
        }
    }

    [Theory]
    [InlineData(SqlType.Timestamp)]
    [InlineData(SqlType.Date)]
    [InlineData(SqlType.Boolean)]
    [InlineData(SqlType.BigInt)]
    public void MinMaxIntegerValued_WrittenReadAndMerged_TypedResults(SqlType type)
    {
        long[] values = type == SqlType.Boolean ? [1, 0, 1, 1, 0] : [1_700_000_000_000_000, -5, 19_000, long.MinValue, long.MaxValue];
        int[] rows = [0, 1, 2, 3, 4];
        int[] groups = [0, 0, 0, 1, 1];
        var (min, max) = (Sized(new MinMaxState(max: false, type)), Sized(new MinMaxState(max: true, type)));
        min.UpdateAll(groups, rows, values, new bool[rows.Length], anyNull: false);
        max.UpdateAll(groups, rows, values, new bool[rows.Length], anyNull: false);
        var (readMin, readMax) = (RoundTrip(min, type, max: false), RoundTrip(max, type, max: true));

        // Merged into a state holding only group 2 (a value of group 1 merged into it too).
        var merged = Sized(new MinMaxState(max: false, type));
        merged.Update(2, Value(type, values[4]));
        merged.Merge(2, readMin, 1);

        for (var g = 0; g < 2; g++)
        {
            var own = rows.Where(r => groups[r] == g).Select(r => values[r]).ToList();
            Assert.Equal(Value(type, own.Min()), readMin.Result(g));
            Assert.Equal(Value(type, own.Max()), readMax.Result(g));
        }

        Assert.True(readMin.Result(2).IsNull);
        Assert.Equal(Value(type, Math.Min(values[3], values[4])), merged.Result(2));
    }

    [Fact]
    public void MinMaxDouble_ValueOfAnotherType_ComparedAsBeforeAndKept()
    {
        // A DOUBLE state given a BIGINT (an argument whose values are not all of its type): it keeps SqlValues from then on.
        var min = Sized(new MinMaxState(max: false, SqlType.Double));
        min.UpdateAll([0, 1], [0, 1], [2.5, -7.0], new bool[2], anyNull: false);
        min.Update(0, SqlValue.FromInt64(1));
        min.Update(1, SqlValue.FromInt64(3));
        min.UpdateAll([0, 2], [0, 1], [0.5, 8.0], new bool[2], anyNull: false);

        Assert.Equal(SqlValue.FromDouble(0.5), min.Result(0));
        Assert.Equal(SqlValue.FromDouble(-7.0), min.Result(1));
        Assert.Equal(SqlValue.FromDouble(8.0), min.Result(2));
        Assert.True(min.Result(3).IsNull);

        var max = Sized(new MinMaxState(max: true, SqlType.Double));
        max.Update(0, SqlValue.FromDouble(1.5));
        max.Update(0, SqlValue.FromInt64(2));
        Assert.Equal(SqlValue.FromInt64(2), max.Result(0));
    }

    [Fact]
    public void IntegerSumAddAll_RunningSumsWrittenReadAndMerged_ExactTotals()
    {
        // Every group's running sum leaves the 64-bit range many times; the totals go through a partial and a merge.
        var state = Sized(new IntegerSumState(average: true));
        state.AddAll(GroupOf, Selection, Longs, Nulls, anyNull: true);
        state.AddAll(GroupOf, Selection, Longs, NoNulls, anyNull: false);
        var read = new IntegerSumState(average: true);
        using (var stream = new MemoryStream())
        {
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                state.Write(writer, Groups);
            }

            stream.Position = 0;
            using var reader = new BinaryReader(stream);
            read.Read(reader, Groups);
        }

        var merged = Sized(new IntegerSumState(average: true));
        merged.AddAll([0], [0], [long.MaxValue], NoNulls, anyNull: false);
        merged.Merge(0, read, 0);

        for (var g = 0; g < Groups; g++)
        {
            var values = Selected(g, Nulls).Concat(Selected(g, NoNulls)).Select(r => (Int128)Longs[r]).ToList();
            var total = values.Aggregate(Int128.Zero, (a, b) => a + b);
            Assert.Equal((double)total / values.Count, read.Result(g).Float64);
            if (g == 0)
            {
                Assert.Equal((double)(total + long.MaxValue) / (values.Count + 1), merged.Result(0).Float64);
            }
        }
    }

    [Fact]
    public void IntegerSumAddAll_SumOutsideBigInt_Fails()
    {
        var state = Sized(new IntegerSumState(average: false));
        state.AddAll([1, 1, 1], [0, 1, 2], [long.MaxValue, long.MaxValue, -1], NoNulls, anyNull: false);

        var error = Assert.Throws<OrleansProc.Engine.Processing.QueryException>(() => state.Result(1));
        Assert.Contains(((Int128)long.MaxValue * 2 - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    private static MinMaxState RoundTrip(MinMaxState state, SqlType type, bool max)
    {
        var read = new MinMaxState(max, type);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            state.Write(writer, 3);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        read.Read(reader, 3);
        return read;
    }

    private static SqlValue Value(SqlType type, long value) => type switch
    {
        SqlType.Timestamp => SqlValue.FromTimestamp(value),
        SqlType.Date => SqlValue.FromDate(value),
        SqlType.Boolean => SqlValue.FromBool(value != 0),
        _ => SqlValue.FromInt64(value),
    };

    private static T Sized<T>(T state)
        where T : AggregateState
    {
        state.EnsureCapacity(Groups);
        return state;
    }

    /// <summary>The selected rows of group <paramref name="group"/> that are not NULL.</summary>
    private static IEnumerable<int> Selected(int group, bool[] nulls) =>
        Selection.Where((r, i) => GroupOf[i] == group && !nulls[r]);
}
