using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// The arithmetic of a filter and a gather (<see cref="ParquetColumnCursor.Gather"/>): which rows a filter kept, which
/// values of a run of rows just read belong to them, and where the kept NULLs go once the kept values are in place.
/// </summary>
internal static class ParquetKeptRows
{
    /// <summary>The bitmap words of a batch's rows (<see cref="Io.ColumnBatch.Capacity"/>) kept on the stack.</summary>
    private const int StackWords = Io.ColumnBatch.Capacity / 64;

    /// <summary>
    /// Of the <paramref name="rows"/> rows just read (batch rows [<paramref name="first"/>, first + rows), their
    /// definition levels in <paramref name="levels"/>, <paramref name="values"/> of them non-NULL), finds the kept
    /// ones at the start of <paramref name="keptRows"/> (ascending batch rows, none before <paramref name="first"/>):
    /// their number in <paramref name="kept"/>, and the index among the run's values of each non-NULL one in
    /// <paramref name="positions"/>, in order (it needs room for the kept rows). Returns the number of positions.
    /// </summary>
    /// <remarks>
    /// With NULLs among the rows, the defined rows up to the last kept one become a bitmap (16 levels compared at a
    /// time), each word's defined rows before it are summed once, and a kept row's value index is that sum plus the
    /// defined rows below it in its word (a PopCount): the cost follows the rows / 16 and the kept rows, not the rows.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Positions(
        ReadOnlySpan<short> levels, short maxDefinition, int rows, int values, ReadOnlySpan<int> keptRows, int first, Span<int> positions, out int kept)
    {
        var k = CountBelow(keptRows, first + rows);
        kept = k;
        if (values == rows)
        {
            for (var i = 0; i < k; i++)
            {
                positions[i] = keptRows[i] - first;
            }

            return k;
        }

        if (k == 0)
        {
            return 0;
        }

        var last = keptRows[k - 1] - first;
        var words = (last >> 6) + 1;
        var defined = words <= StackWords ? stackalloc ulong[StackWords] : new ulong[words];
        var before = words <= StackWords ? stackalloc int[StackWords] : new int[words];
        DefinedBits(levels[..(last + 1)], maxDefinition, defined[..words]);
        var sum = 0;
        for (var w = 0; w < words; w++)
        {
            before[w] = sum;
            sum += BitOperations.PopCount(defined[w]);
        }

        // Each kept row lies in [0, last], so its word is among the words; the n-th position is written at or before the
        // n-th kept row (checked once): the loop reads and writes without bounds checks.
        if (positions.Length < k)
        {
            throw new ArgumentException("Fewer positions than kept rows.", nameof(positions));
        }

        ref var row0 = ref MemoryMarshal.GetReference(keptRows);
        ref var word0 = ref MemoryMarshal.GetReference(defined);
        ref var before0 = ref MemoryMarshal.GetReference(before);
        ref var target = ref MemoryMarshal.GetReference(positions);
        var n = 0;
        for (var i = 0; i < k; i++)
        {
            var row = Unsafe.Add(ref row0, i) - first;
            var word = Unsafe.Add(ref word0, row >> 6);
            Unsafe.Add(ref target, n) = Unsafe.Add(ref before0, row >> 6) + BitOperations.PopCount(word & ((1UL << row) - 1));
            n += (int)((word >> row) & 1);
        }

        return n;
    }

    /// <summary>
    /// Sets bit r % 64 of <paramref name="bits"/>[r / 64] when <paramref name="levels"/>[r] is
    /// <paramref name="maxDefinition"/> (a defined row) and clears it otherwise; bits past the levels are cleared.
    /// <paramref name="bits"/> holds (levels + 63) / 64 words.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DefinedBits(ReadOnlySpan<short> levels, short maxDefinition, Span<ulong> bits)
    {
        ref var start = ref MemoryMarshal.GetReference(levels);
        var r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var defined = Vector256.Create(maxDefinition);
            for (; r + 64 <= levels.Length; r += 64)
            {
                ulong word = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)r), defined).ExtractMostSignificantBits();
                word |= (ulong)Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)(r + 16)), defined).ExtractMostSignificantBits() << 16;
                word |= (ulong)Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)(r + 32)), defined).ExtractMostSignificantBits() << 32;
                word |= (ulong)Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)(r + 48)), defined).ExtractMostSignificantBits() << 48;
                bits[r >> 6] = word;
            }
        }

        for (; r < levels.Length; r += 64)
        {
            var end = Math.Min(r + 64, levels.Length);
            var word = 0UL;
            for (var i = r; i < end; i++)
            {
                word |= (levels[i] == maxDefinition ? 1UL : 0UL) << i;
            }

            bits[r >> 6] = word;
        }
    }

    /// <summary>Lists in <paramref name="rows"/> the indexes of the true entries of <paramref name="keep"/>, ascending (32 tested at a time); returns their number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ListKept(ReadOnlySpan<bool> keep, Span<int> rows)
    {
        if (rows.Length < keep.Length)
        {
            throw new ArgumentException("Fewer rows than flags.", nameof(rows));
        }

        ref var start = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(keep));
        ref var target = ref MemoryMarshal.GetReference(rows);
        var kept = 0;
        var r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + 32 <= keep.Length; r += 32)
            {
                var mask = ~Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)r), Vector256<byte>.Zero).ExtractMostSignificantBits();
                for (; mask != 0; mask &= mask - 1)
                {
                    Unsafe.Add(ref target, kept++) = r + BitOperations.TrailingZeroCount(mask);
                }
            }
        }

        for (; r < keep.Length; r++)
        {
            Unsafe.Add(ref target, kept) = r;
            kept += keep[r] ? 1 : 0;
        }

        return kept;
    }

    /// <summary>Clears each entry of <paramref name="keep"/> whose entry in <paramref name="passes"/> (as long) is false, 32 at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void And(Span<bool> keep, ReadOnlySpan<bool> passes)
    {
        if (passes.Length != keep.Length)
        {
            throw new ArgumentException("As many verdicts as flags are needed.", nameof(passes));
        }

        ref var k = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(keep));
        ref var p = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(passes));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= keep.Length; i += 32)
            {
                (Vector256.LoadUnsafe(ref k, (nuint)i) & Vector256.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref k, (nuint)i);
            }
        }

        for (; i < keep.Length; i++)
        {
            keep[i] &= passes[i];
        }
    }

    /// <summary>
    /// After a gather wrote the <paramref name="values"/> non-NULL values of <paramref name="kept"/> kept rows at
    /// <paramref name="start"/> of <paramref name="vector"/>, moves them to their rows (from the last back, a block of
    /// values per NULL) and flags the NULLs; the rows and levels as in <see cref="Positions"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Spread<TValue>(
        TValue[] vector, bool[] nulls, int start, int kept, int values, ReadOnlySpan<int> keptRows, int first, ReadOnlySpan<short> levels, short maxDefinition)
    {
        if (values == kept)
        {
            nulls.AsSpan(start, kept).Clear();
            return;
        }

        // From the last kept row back: the values after each NULL move up as one block (a memmove), the NULL is flagged;
        // once every NULL is passed the values before are in place.
        var flags = nulls.AsSpan(start, kept);
        flags.Clear();
        var target = vector.AsSpan(start, kept);
        var nullsLeft = kept - values;
        var end = kept;
        for (var i = kept - 1; nullsLeft > 0; i--)
        {
            if (levels[keptRows[i] - first] != maxDefinition)
            {
                var block = end - i - 1;
                var from = i + 1 - nullsLeft;
                target.Slice(from, block).CopyTo(target[(i + 1)..]);
                target[i] = default!;
                flags[i] = true;
                nullsLeft--;
                end = i;
            }
        }
    }

    /// <summary>The number of <paramref name="keptRows"/> (ascending) below <paramref name="end"/>.</summary>
    private static int CountBelow(ReadOnlySpan<int> keptRows, int end)
    {
        var at = keptRows.BinarySearch(end);
        return at >= 0 ? at : ~at;
    }
}
