namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>
/// Random RLE/bit-packed hybrid data built from the Parquet grammar, with the values it encodes: RLE runs of 1 to 40
/// repeats and bit-packed runs of 1 to 40 groups, values packed from the least significant bit on.
/// </summary>
internal static class RleBitPackedEncoding
{
    /// <summary>Runs of random values below 2^<paramref name="width"/> (32: any int, as its bits) up to at least <paramref name="atLeast"/> values; the bytes and the values.</summary>
    public static (byte[] Bytes, int[] Values) Random(Random random, int width, int atLeast)
    {
        var bytes = new List<byte>();
        var values = new List<int>();
        while (values.Count < atLeast)
        {
            if (random.Next(3) == 0)
            {
                var count = random.Next(1, 41);
                var value = Next(random, width);
                WriteVarint(bytes, (ulong)count << 1);
                for (var b = 0; b < (width + 7) / 8; b++)
                {
                    bytes.Add((byte)((uint)value >> (8 * b)));
                }

                values.AddRange(Enumerable.Repeat(value, count));
                continue;
            }

            var groups = random.Next(1, 41);
            WriteVarint(bytes, ((ulong)groups << 1) | 1);
            var packed = new byte[groups * width];
            for (var i = 0; i < groups * 8; i++)
            {
                var value = Next(random, width);
                for (var b = 0; b < width; b++)
                {
                    var bit = ((long)i * width) + b;
                    packed[bit / 8] |= (byte)((((uint)value >> b) & 1) << (int)(bit % 8));
                }

                values.Add(value);
            }

            bytes.AddRange(packed);
        }

        return ([.. bytes], [.. values]);
    }

    private static int Next(Random random, int width) =>
        (int)(uint)random.NextInt64(1L << width);

    private static void WriteVarint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }
}
