using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Aggregation;

/// <summary>
/// A MIN and a MAX of the same vector folded in one pass (<see cref="MinMaxState.UpdatePair(MinMaxState, MinMaxState, ReadOnlySpan{int}, ReadOnlySpan{int}, double[], bool[], bool)"/>)
/// against LINQ and against the two passes over the same random batches: NULL shares 0 to 1, NaN in some batches,
/// signed zeros (the first of equal values kept, bit for bit), lengths not multiples of 8.
/// </summary>
public sealed class MinMaxPairTests
{
    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.05, true)]
    [InlineData(0.6, false)]
    [InlineData(1.0, true)]
    public void UpdatePair_RandomBatches_SameAsTwoPassesAndLinq(double nullShare, bool withNaN)
    {
        const int groupCount = 300;
        var random = new Random(5 + (int)(nullShare * 10));
        var (pairMin, pairMax) = (new MinMaxState(max: false, SqlType.Double), new MinMaxState(max: true, SqlType.Double));
        var (min, max) = (new MinMaxState(max: false, SqlType.Double), new MinMaxState(max: true, SqlType.Double));
        var (pairLow, pairHigh) = (new MinMaxState(max: false, SqlType.BigInt), new MinMaxState(max: true, SqlType.BigInt));
        var (low, high) = (new MinMaxState(max: false, SqlType.BigInt), new MinMaxState(max: true, SqlType.BigInt));
        var seen = new List<long>[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            seen[g] = [];
        }

        for (var batch = 0; batch < 30; batch++)
        {
            var length = random.Next(1, 1500);
            var rows = Enumerable.Range(0, length).Where(_ => random.Next(5) != 0).ToArray();
            var groups = rows.Select(_ => random.Next(groupCount)).ToArray();
            var doubles = Enumerable.Range(0, length).Select(_ => random.Next(6) switch
            {
                0 => 0.0,
                1 => -0.0,
                2 when withNaN && batch % 4 == 1 => double.NaN,
                _ => Math.Round((random.NextDouble() * 20) - 10, 1),
            }).ToArray();
            var longs = Enumerable.Range(0, length).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();
            var nulls = Enumerable.Range(0, length).Select(_ => random.NextDouble() < nullShare).ToArray();
            var anyNull = nulls.Contains(true);
            foreach (var state in new[] { pairMin, pairMax, min, max, pairLow, pairHigh, low, high })
            {
                state.EnsureCapacity(groupCount);
            }

            MinMaxState.UpdatePair(pairMin, pairMax, groups, rows, doubles, nulls, anyNull);
            min.UpdateAll(groups, rows, doubles, nulls, anyNull);
            max.UpdateAll(groups, rows, doubles, nulls, anyNull);
            MinMaxState.UpdatePair(pairLow, pairHigh, groups, rows, longs, nulls, anyNull);
            low.UpdateAll(groups, rows, longs, nulls, anyNull);
            high.UpdateAll(groups, rows, longs, nulls, anyNull);
            for (var i = 0; i < rows.Length; i++)
            {
                if (!nulls[rows[i]])
                {
                    seen[groups[i]].Add(longs[rows[i]]);
                }
            }
        }

        for (var g = 0; g < groupCount; g++)
        {
            Assert.Equal(Bits(min, g), Bits(pairMin, g));
            Assert.Equal(Bits(max, g), Bits(pairMax, g));
            Assert.Equal(seen[g].Count == 0 ? (long?)null : seen[g].Min(), pairLow.Result(g).IsNull ? (long?)null : pairLow.Result(g).Int64);
            Assert.Equal(seen[g].Count == 0 ? (long?)null : seen[g].Max(), pairHigh.Result(g).IsNull ? (long?)null : pairHigh.Result(g).Int64);
            Assert.Equal(low.Result(g), pairLow.Result(g));
            Assert.Equal(high.Result(g), pairHigh.Result(g));
        }
    }

    /// <summary>A DOUBLE result's bits (the sign of a zero, NaN), or null for NULL.</summary>
    private static long? Bits(MinMaxState state, int group) =>
        state.Result(group).IsNull ? null : BitConverter.DoubleToInt64Bits(state.Result(group).Float64);
}
