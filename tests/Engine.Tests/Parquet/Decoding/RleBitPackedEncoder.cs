namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>
/// Encodes values in Parquet's RLE/bit-packed hybrid from its grammar, for the decoder's tests: a random mix of RLE runs
/// (where at least 8 equal values follow) and bit-packed runs of a few groups or of hundreds; the last bit-packed run cut after the
/// bytes its values need, as writers may leave it.
/// </summary>
internal static class RleBitPackedEncoder
{
    public static byte[] Encode(IReadOnlyList<int> values, int bitWidth, Random random)
    {
        var bytes = new List<byte>();
        var i = 0;
        while (i < values.Count)
        {
            var same = 1;
            while (i + same < values.Count && values[i + same] == values[i])
            {
                same++;
            }

            if (same >= 8 && random.Next(4) != 0)
            {
                Varint(bytes, (ulong)same << 1);
                for (var b = 0; b < (bitWidth + 7) / 8; b++)
                {
                    bytes.Add((byte)(values[i] >> (8 * b)));
                }

                i += same;
                continue;
            }

            var groups = random.Next(3) == 0 ? random.Next(20, 200) : random.Next(1, 6);
            var count = Math.Min(groups * 8, values.Count - i);
            groups = (count + 7) / 8;
            Varint(bytes, ((ulong)groups << 1) | 1);
            var packed = new byte[groups * bitWidth];
            for (var j = 0; j < count; j++)
            {
                for (var b = 0; b < bitWidth; b++)
                {
                    if (((values[i + j] >> b) & 1) != 0)
                    {
                        var at = (j * bitWidth) + b;
                        packed[at >> 3] |= (byte)(1 << (at & 7));
                    }
                }
            }

            i += count;
            var length = i == values.Count ? ((count * bitWidth) + 7) / 8 : packed.Length;
            bytes.AddRange(packed.AsSpan(0, length).ToArray());
        }

        return [.. bytes];
    }

    /// <summary>
    /// Random values below 2^<paramref name="width"/> (32: any int, as its bits), some repeated 1 to 40 times, at least
    /// <paramref name="atLeast"/> of them, and their encoding.
    /// </summary>
    public static (byte[] Bytes, int[] Values) Random(Random random, int width, int atLeast)
    {
        var values = new List<int>();
        while (values.Count < atLeast)
        {
            var value = (int)(uint)random.NextInt64(1L << width);
            values.AddRange(Enumerable.Repeat(value, random.Next(3) == 0 ? random.Next(1, 41) : 1));
        }

        return (Encode(values, width, random), [.. values]);
    }

    private static void Varint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }
}
