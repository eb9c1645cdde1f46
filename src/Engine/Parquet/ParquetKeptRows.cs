using System.Runtime.CompilerServices;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// The arithmetic of a gather (<see cref="ParquetColumnCursor.Gather"/>): which values of a run of rows just read
/// belong to the rows a filter kept, and where the kept NULLs go once the kept values are in place.
/// </summary>
internal static class ParquetKeptRows
{
    /// <summary>
    /// Of the <paramref name="rows"/> rows just read (batch rows [<paramref name="first"/>, first + rows), their
    /// definition levels in <paramref name="levels"/>, <paramref name="values"/> of them non-NULL), finds the kept
    /// ones at the start of <paramref name="keptRows"/> (ascending batch rows, none before <paramref name="first"/>):
    /// their number in <paramref name="kept"/>, and the index among the run's values of each non-NULL one in
    /// <paramref name="positions"/>, in order (it needs room for <paramref name="rows"/> when some are NULL). Returns the
    /// number of positions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Positions(
        ReadOnlySpan<short> levels, short maxDefinition, int rows, int values, ReadOnlySpan<int> keptRows, int first, Span<int> positions, out int kept)
    {
        var end = first + rows;
        var k = 0;
        while (k < keptRows.Length && keptRows[k] < end)
        {
            k++;
        }

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

        // Walk the levels once, up to the last kept row, writing each row's value index (the non-NULL rows before it)
        // into positions[row]; then pick out the kept non-NULL rows' in place (the n-th written is at or before the
        // n-th kept row, so never over a row still to be read). Both loops without a branch per row.
        var last = keptRows[k - 1] - first;
        var v = 0;
        for (var r = 0; r <= last; r++)
        {
            positions[r] = v;
            v += levels[r] == maxDefinition ? 1 : 0;
        }

        var n = 0;
        for (var i = 0; i < k; i++)
        {
            var row = keptRows[i] - first;
            positions[n] = positions[row];
            n += levels[row] == maxDefinition ? 1 : 0;
        }

        return n;
    }

    /// <summary>
    /// After a gather wrote the <paramref name="values"/> non-NULL values of <paramref name="kept"/> kept rows at
    /// <paramref name="start"/> of <paramref name="vector"/>, moves them to their rows (from the last back) and flags
    /// the NULLs; the rows and levels as in <see cref="Positions"/>.
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

        var v = values;
        for (var i = kept - 1; i >= 0; i--)
        {
            var isNull = levels[keptRows[i] - first] != maxDefinition;
            nulls[start + i] = isNull;
            vector[start + i] = isNull ? default! : vector[start + --v];
        }
    }
}
