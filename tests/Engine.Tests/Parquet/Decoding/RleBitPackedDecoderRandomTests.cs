using OrleansProc.Engine.Parquet.Decoding;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>The RLE/bit-packed decoder's whole-group kernels against the values random runs were built from, read in chunks that cut groups and runs anywhere.</summary>
public sealed class RleBitPackedDecoderRandomTests
{
    public static TheoryData<int> Widths() => [.. Enumerable.Range(1, 32)];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Read_RandomRunsInRandomChunks_TheEncodedValues(int width)
    {
        var random = new Random(width);
        for (var round = 0; round < 20; round++)
        {
            var (bytes, expected) = RleBitPackedEncoder.Random(random, width, random.Next(1, 3000));

            // Some of the last values unread, as a reader may stop before a page's end.
            var count = expected.Length - random.Next(Math.Min(8, expected.Length));
            var decoder = new RleBitPackedDecoder();
            decoder.Reset(bytes, 0, bytes.Length, width);
            var actual = new int[count];
            for (var done = 0; done < count;)
            {
                var n = Math.Min(count - done, random.Next(4) == 0 ? random.Next(1, 10) : random.Next(1, 700));
                decoder.Read(actual.AsSpan(done, n));
                done += n;
            }

            Assert.Equal(expected[..count], actual);
        }
    }
}
