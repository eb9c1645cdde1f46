using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansProc.Engine.Sql.Batch;

/// <summary>
/// The rows of a batch's integer vector whose value is in a range (or, negated, out of it) and not NULL, as a
/// selection: 8 rows at a time with 256-bit compares, the 8 verdicts as a byte whose set bits' positions a table
/// gives, stored at once; the rows left one by one.
/// </summary>
internal static class BatchSelection
{
    /// <summary>Per byte of verdicts, the positions of its set bits (then zeros), 8 ints each.</summary>
    private static readonly int[] s_positions = Positions();

    /// <summary>
    /// Writes into <paramref name="selection"/> the rows below <paramref name="count"/> whose value is in
    /// [<paramref name="low"/>, <paramref name="high"/>] (out of it when <paramref name="negate"/>) and whose NULL flag
    /// is false (none set when <paramref name="anyNull"/> is false), in order; their number. The selection holds at
    /// least <paramref name="count"/> rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int InRange(long[] values, bool[] nulls, bool anyNull, long low, long high, bool negate, int count, int[] selection)
    {
        var kept = 0;
        var r = 0;
        if (Vector256.IsHardwareAccelerated && count <= values.Length && count <= nulls.Length && count <= selection.Length)
        {
            var (lows, highs) = (Vector256.Create(low), Vector256.Create(high));
            var flip = negate ? 0xFFu : 0u;
            ref var value = ref MemoryMarshal.GetArrayDataReference(values);
            ref var isNull = ref MemoryMarshal.GetArrayDataReference(nulls);
            ref var positions = ref MemoryMarshal.GetArrayDataReference(s_positions);
            ref var selected = ref MemoryMarshal.GetArrayDataReference(selection);
            for (; r + 8 <= count; r += 8)
            {
                var first = Vector256.LoadUnsafe(ref value, (nuint)r);
                var second = Vector256.LoadUnsafe(ref value, (nuint)r + 4);
                var inFirst = Vector256.GreaterThanOrEqual(first, lows) & Vector256.LessThanOrEqual(first, highs);
                var inSecond = Vector256.GreaterThanOrEqual(second, lows) & Vector256.LessThanOrEqual(second, highs);
                var verdicts = (inFirst.ExtractMostSignificantBits() | (inSecond.ExtractMostSignificantBits() << 4)) ^ flip;
                if (anyNull)
                {
                    // A NULL flag is a byte 1, a value's a byte 0: the zero bytes are the rows that may pass.
                    var flags = Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<bool, byte>(ref Unsafe.Add(ref isNull, r)))).AsByte();
                    verdicts &= Vector128.Equals(flags, Vector128<byte>.Zero).ExtractMostSignificantBits();
                }

                verdicts &= 0xFF;
                var rows = Vector256.LoadUnsafe(ref positions, verdicts * 8) + Vector256.Create(r);

                // kept <= r: the 8 stored ints end at or before row r + 8 <= count, in the selection.
                rows.StoreUnsafe(ref selected, (nuint)kept);
                kept += BitOperations.PopCount(verdicts);
            }
        }

        for (; r < count; r++)
        {
            selection[kept] = r;
            var v = values[r];
            var pass = !(anyNull && nulls[r]) & (((v >= low) & (v <= high)) != negate);
            kept += pass ? 1 : 0;
        }

        return kept;
    }

    private static int[] Positions()
    {
        var positions = new int[256 * 8];
        for (var verdicts = 0; verdicts < 256; verdicts++)
        {
            var n = 0;
            for (var bit = 0; bit < 8; bit++)
            {
                if ((verdicts & (1 << bit)) != 0)
                {
                    positions[(verdicts * 8) + n++] = bit;
                }
            }
        }

        return positions;
    }
}
