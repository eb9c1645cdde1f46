using System.Runtime.CompilerServices;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Reads one column of a row group, a chunk of rows at a time (NULL where the definition level says so): as Engine
/// values for rows, or into a <see cref="ColumnBatch"/>'s typed vector.
/// </summary>
internal abstract class ParquetColumnCursor : IDisposable
{
    /// <summary>Fills <paramref name="target"/>[0..<paramref name="count"/>) with the column's next values.</summary>
    public abstract void Read(SqlValue[] target, int count);

    /// <summary>Fills rows [0..<paramref name="count"/>) of column <paramref name="ordinal"/> of <paramref name="batch"/> with the column's next values.</summary>
    public abstract void Read(ColumnBatch batch, int ordinal, int count);

    /// <summary>
    /// Reads the column's next <paramref name="count"/> rows and writes only those a filter kept: batch row
    /// <paramref name="keptRows"/>[i] (ascending, each below <paramref name="count"/>) to row i of column
    /// <paramref name="ordinal"/> of <paramref name="batch"/>. Only the kept values are converted.
    /// </summary>
    public abstract void Gather(ColumnBatch batch, int ordinal, int count, ReadOnlySpan<int> keptRows);

    /// <summary>
    /// Reads the column's next <paramref name="count"/> values and clears <paramref name="keep"/>[i] for each row whose
    /// value fails the column's filters (a NULL fails them all). Only a VARCHAR column made with filters has this.
    /// </summary>
    public abstract void Filter(bool[] keep, int count);

    /// <summary>Passes over the column's next <paramref name="count"/> values without decoding them.</summary>
    public abstract void Skip(int count);

    public abstract void Dispose();

    /// <summary>
    /// Clears <paramref name="keep"/>[i] for each row that fails: a NULL (its definition level below
    /// <paramref name="maxDefinition"/>), or a value whose entry in <paramref name="passes"/> (one per non-NULL value, in
    /// order) is false. With as many values as rows there is no NULL and the levels are not read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void KeepPassing(Span<bool> keep, ReadOnlySpan<bool> passes, ReadOnlySpan<short> levels, short maxDefinition)
    {
        if (passes.Length == keep.Length)
        {
            ParquetKeptRows.And(keep, passes);
            return;
        }

        var v = 0;
        for (var i = 0; i < keep.Length; i++)
        {
            var isValue = levels[i] == maxDefinition;
            keep[i] &= isValue && passes[v];
            v += isValue ? 1 : 0;
        }
    }
}
