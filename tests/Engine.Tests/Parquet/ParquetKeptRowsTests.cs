using OrleansProc.Engine.Parquet;

namespace OrleansProc.Engine.Tests.Parquet;

/// <summary>
/// The kept-row arithmetic of a filtered Parquet batch (the bitmap of defined rows, the value index of each kept row,
/// the kept values spread to their rows, the list of passing rows, the AND of verdicts) against LINQ on random inputs: NULL densities none, sparse, dense and
/// all; lengths not multiples of 8, 16, 32 or 64; kept sets empty, all and random.
/// </summary>
public sealed class ParquetKeptRowsTests
{
    public static TheoryData<double, int> Cases => new()
    {
        { 0, 1 }, { 0, 1024 }, { 0.02, 1000 }, { 0.02, 1024 }, { 0.5, 17 }, { 0.5, 63 }, { 0.5, 64 }, { 0.5, 65 },
        { 0.98, 999 }, { 1, 1024 }, { 1, 130 }, { 0.3, 1500 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DefinedBits_RandomLevels_OneBitPerDefinedRow(double nulls, int rows)
    {
        var random = new Random(rows);
        var levels = Levels(random, rows, nulls, 2);
        var bits = new ulong[(rows + 63) / 64];
        Array.Fill(bits, ulong.MaxValue);

        ParquetKeptRows.DefinedBits(levels, 2, bits);

        Assert.Equal(
            Enumerable.Range(0, bits.Length * 64).Select(r => r < rows && levels[r] == 2),
            Enumerable.Range(0, bits.Length * 64).Select(r => ((bits[r / 64] >> (r % 64)) & 1) != 0));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Positions_RandomLevelsAndKeptRows_TheValueIndexOfEachKeptDefinedRow(double nulls, int rows)
    {
        foreach (var maxDefinition in new short[] { 1, 2 })
        {
            for (var trial = 0; trial < 6; trial++)
            {
                var random = new Random((rows * 31) + trial);
                var first = random.Next(2) == 0 ? 0 : random.Next(1, 700);
                var levels = Levels(random, rows, nulls, maxDefinition);
                var keep = trial switch { 0 => 0.0, 1 => 1.0, _ => random.NextDouble() };

                // Kept rows of the whole batch: those of this run, then some after it (a later run's).
                int[] keptRows = [.. Enumerable.Range(first, rows + 50).Where(_ => random.NextDouble() < keep)];
                var values = levels.Count(l => l == maxDefinition);
                var positions = new int[rows];

                var n = ParquetKeptRows.Positions(levels, maxDefinition, rows, values, keptRows, first, positions, out var kept);

                var inRun = keptRows.Where(r => r < first + rows).ToArray();
                var expected = inRun.Select(r => r - first).Where(r => levels[r] == maxDefinition)
                    .Select(r => levels.Take(r).Count(l => l == maxDefinition)).ToArray();
                Assert.Equal(inRun.Length, kept);
                Assert.Equal(expected, positions.Take(n));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spread_RandomLevelsAndKeptRows_EachKeptRowsValueOrNull(double nulls, int rows)
    {
        for (var trial = 0; trial < 6; trial++)
        {
            var random = new Random((rows * 17) + trial);
            const int Start = 5;
            var levels = Levels(random, rows, nulls, 1);
            var keep = trial switch { 0 => 0.0, 1 => 1.0, _ => random.NextDouble() };
            int[] keptRows = [.. Enumerable.Range(0, rows).Where(_ => random.NextDouble() < keep)];
            var defined = keptRows.Where(r => levels[r] == 1).ToArray();
            var vector = new long[Start + rows + 3];
            var flags = new bool[vector.Length];
            Array.Fill(flags, true);
            for (var v = 0; v < defined.Length; v++)
            {
                vector[Start + v] = 1000 + defined[v];
            }

            ParquetKeptRows.Spread(vector, flags, Start, keptRows.Length, defined.Length, keptRows, 0, levels, 1);

            Assert.Equal(keptRows.Select(r => levels[r] == 1 ? 1000L + r : 0L), vector.Skip(Start).Take(keptRows.Length));
            Assert.Equal(keptRows.Select(r => levels[r] != 1), flags.Skip(Start).Take(keptRows.Length));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1000)]
    [InlineData(1024)]
    public void ListKept_RandomFlags_TheTrueIndexesAscending(int length)
    {
        foreach (var density in new[] { 0.0, 0.03, 0.5, 0.97, 1.0 })
        {
            var random = new Random(length + (int)(density * 100));
            var keep = Enumerable.Range(0, length).Select(_ => random.NextDouble() < density).ToArray();
            var rows = new int[length];

            var kept = ParquetKeptRows.ListKept(keep, rows);

            Assert.Equal(Enumerable.Range(0, length).Where(r => keep[r]), rows.Take(kept));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(32)]
    [InlineData(95)]
    [InlineData(1024)]
    public void And_RandomFlagsAndVerdicts_TrueOnlyWhereBothAre(int length)
    {
        var random = new Random(length);
        var keep = Enumerable.Range(0, length).Select(_ => random.Next(3) != 0).ToArray();
        var passes = Enumerable.Range(0, length).Select(_ => random.Next(2) == 0).ToArray();
        var expected = keep.Zip(passes, (k, p) => k && p).ToArray();

        ParquetKeptRows.And(keep, passes);

        Assert.Equal(expected, keep);
    }

    /// <summary>Random definition levels: NULL (below <paramref name="maxDefinition"/>) with probability <paramref name="nulls"/>.</summary>
    private static short[] Levels(Random random, int rows, double nulls, short maxDefinition) =>
        [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < nulls ? (short)random.Next(maxDefinition) : maxDefinition)];
}
