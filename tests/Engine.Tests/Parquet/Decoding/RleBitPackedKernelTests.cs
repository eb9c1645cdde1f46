using OrleansProc.Engine.Parquet.Decoding;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>
/// The decoder's fast kernels (levels a byte at a time, gathered values by 8-byte loads, verdicts 32 at a time) against the
/// values encoded, on random runs: NULL densities from none to all, lengths and reads not multiples of 8, 16 or 64,
/// bit widths 1 to 20, positions none, all and random, the last bit-packed run cut short.
/// </summary>
public sealed class RleBitPackedKernelTests
{
    public static TheoryData<double, int> Densities => new()
    {
        { 0, 1 }, { 0.02, 7 }, { 0.5, 1000 }, { 0.98, 1025 }, { 1, 3001 }, { 0.5, 4099 }, { 0.1, 63 }, { 0.9, 65 },
    };

    [Theory]
    [MemberData(nameof(Densities))]
    public void ReadLevels_RandomOneBitRunsInRandomReads_TheLevelsAndTheirDefinedCount(double defined, int length)
    {
        var random = new Random(length);
        var levels = Enumerable.Range(0, length).Select(_ => random.NextDouble() < defined ? 1 : 0).ToArray();
        var decoder = new RleBitPackedDecoder();
        var bytes = RleBitPackedEncoder.Encode(levels, 1, random);
        decoder.Reset(bytes, 0, bytes.Length, 1);
        var read = new short[length];
        var count = 0;
        for (var done = 0; done < length;)
        {
            var n = Math.Min(length - done, random.Next(2) == 0 ? 8 * random.Next(1, 130) : random.Next(1, 300));
            count += decoder.ReadLevels(read.AsSpan(done, n), 1);
            done += n;
        }

        Assert.Equal(levels.Select(l => (short)l), read);
        Assert.Equal(levels.Count(l => l == 1), count);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(7, 3)]
    [InlineData(12, 4)]
    [InlineData(20, 5)]
    public void Gather_RandomPositionsOverRandomRuns_TheValuesThereAndTheReadsAfterInStep(int bitWidth, int seed)
    {
        var random = new Random(seed);
        const int Length = 5003;
        var values = Enumerable.Range(0, Length).Select(_ => random.Next(3) == 0 ? 5 % (1 << bitWidth) : random.Next(1 << bitWidth)).ToArray();
        var bytes = RleBitPackedEncoder.Encode(values, bitWidth, random);
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, bitWidth);
        for (var done = 0; done < Length;)
        {
            var count = Math.Min(Length - done, random.Next(1, 1100));
            var keep = random.Next(4) switch
            {
                0 => 0.0,
                1 => 1.0,
                _ => random.NextDouble(),
            };
            int[] positions = [.. Enumerable.Range(0, count).Where(_ => random.NextDouble() < keep)];
            if (random.Next(5) == 0)
            {
                var read = new int[count];
                decoder.Read(read);
                Assert.Equal(values.Skip(done).Take(count), read);
            }
            else
            {
                var target = new int[positions.Length];
                decoder.Gather(positions, count, target);
                Assert.Equal(positions.Select(p => values[done + p]), target);
            }

            done += count;
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 12)]
    [InlineData(5, 32)]
    [InlineData(6, 40)]
    [InlineData(7, 17)]
    [InlineData(8, 30)]
    [InlineData(11, 1500)]
    public void ReadMapped_RandomRunsInRandomReads_EachValuesVerdict(int bitWidth, int entries)
    {
        var random = new Random((bitWidth * 100) + entries);
        const int Length = 6007;
        var values = Enumerable.Range(0, Length).Select(_ => random.Next(8) == 0 ? 1 : random.Next(entries)).ToArray();
        var map = Enumerable.Range(0, entries).Select(_ => random.Next(2) == 0).ToArray();
        var bytes = RleBitPackedEncoder.Encode(values, bitWidth, random);
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, bitWidth);
        var verdicts = new bool[Length];
        for (var done = 0; done < Length;)
        {
            var n = Math.Min(Length - done, random.Next(2) == 0 ? 32 * random.Next(1, 40) : random.Next(1, 1100));
            decoder.ReadMapped(verdicts.AsSpan(done, n), map);
            done += n;
        }

        Assert.Equal(values.Select(v => map[v]), verdicts);
    }

    [Theory]
    [InlineData(4, 12, 700)]
    [InlineData(4, 12, 5)]
    [InlineData(5, 20, 1999)]
    [InlineData(2, 3, 64)]
    public void ReadMapped_AnIndexPastTheMapInALongRun_ThrowsInvalidData(int bitWidth, int entries, int at)
    {
        var random = new Random(at);
        var values = Enumerable.Range(0, 2048).Select(i => i == at ? entries : random.Next(entries)).ToArray();
        var bytes = RleBitPackedEncoder.Encode(values, bitWidth, random);
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, bitWidth);
        var map = new bool[entries];

        var error = Assert.Throws<InvalidDataException>(() => decoder.ReadMapped(new bool[2048], map));

        Assert.Contains($"index {entries}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gather_LastValuesOfACutRun_ReadWithoutLoadingPastTheRun()
    {
        // 13 values of 7 bits in one bit-packed run cut after the 12 bytes they need, in the middle of a larger page.
        var random = new Random(9);
        var values = Enumerable.Range(0, 13).Select(i => (i * 37) % 128).ToArray();
        var bytes = RleBitPackedEncoder.Encode(values, 7, random);
        var page = new byte[bytes.Length + 40];
        Array.Fill(page, (byte)0xFF);
        bytes.CopyTo(page, 16);
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(page, 16, bytes.Length, 7);
        var target = new int[3];

        decoder.Gather([0, 11, 12], 13, target);

        Assert.Equal([values[0], values[11], values[12]], target);
    }
}
