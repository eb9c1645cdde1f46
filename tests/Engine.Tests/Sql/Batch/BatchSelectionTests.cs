using OrleansProc.Engine.Sql.Batch;

namespace OrleansProc.Engine.Tests.Sql.Batch;

/// <summary>The vectorized range selection against a LINQ filter of the same random vectors, every NULL density, lengths not multiples of 8.</summary>
public sealed class BatchSelectionTests
{
    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.02, false)]
    [InlineData(0.5, true)]
    [InlineData(1.0, false)]
    [InlineData(0.3, true)]
    public void InRange_RandomValuesAndNulls_TheRowsLinqKeeps(double nullShare, bool negate)
    {
        var random = new Random(17 + (int)(nullShare * 100));
        for (var round = 0; round < 50; round++)
        {
            var count = random.Next(0, 2100);
            var values = Enumerable.Range(0, count).Select(_ => random.Next(4) == 0 ? random.NextInt64() - (long.MaxValue / 2) : random.Next(-5, 6)).ToArray();
            var nulls = Enumerable.Range(0, count).Select(_ => random.NextDouble() < nullShare).ToArray();
            var (low, high) = round % 3 == 0 ? (long.MinValue, 2L) : (random.Next(-6, 3), random.Next(-1, 7));
            var selection = new int[count];

            var kept = BatchSelection.InRange(values, nulls, nulls.Contains(true), low, high, negate, count, selection);

            var expected = Enumerable.Range(0, count).Where(r => !nulls[r] && ((values[r] >= low && values[r] <= high) != negate)).ToArray();
            Assert.Equal(expected, selection[..kept]);
        }
    }
}
