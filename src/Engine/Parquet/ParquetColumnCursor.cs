using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Parquet;

/// <summary>Reads one column of a row group, a chunk of rows at a time, as Engine values (NULL where the definition level says so).</summary>
internal abstract class ParquetColumnCursor : IDisposable
{
    /// <summary>Fills <paramref name="target"/>[0..<paramref name="count"/>) with the column's next values.</summary>
    public abstract void Read(SqlValue[] target, int count);

    public abstract void Dispose();
}
