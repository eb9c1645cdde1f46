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

    public abstract void Dispose();
}
