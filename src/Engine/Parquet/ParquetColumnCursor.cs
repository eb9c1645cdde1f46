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
    /// Reads the column's next <paramref name="count"/> values and clears <paramref name="keep"/>[i] for each row whose
    /// value fails the column's filters (a NULL fails them all). Only a VARCHAR column made with filters has this.
    /// </summary>
    public abstract void Filter(bool[] keep, int count);

    /// <summary>Passes over the column's next <paramref name="count"/> values without decoding them.</summary>
    public abstract void Skip(int count);

    public abstract void Dispose();
}
