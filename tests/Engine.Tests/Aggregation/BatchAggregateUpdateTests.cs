using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Schema;

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
