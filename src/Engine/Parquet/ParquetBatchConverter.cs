using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Converts a run of a column's non-NULL physical values, as one <c>ReadBatch</c> returned them (so every pointer in
/// them is valid), into the vector of column <paramref name="ordinal"/> of <paramref name="batch"/>, from row
/// <paramref name="start"/> on: the same values <see cref="ParquetValues"/> makes for rows.
/// </summary>
internal delegate void ParquetBatchConverter<T>(ReadOnlySpan<T> values, ColumnBatch batch, int ordinal, int start)
    where T : unmanaged;
