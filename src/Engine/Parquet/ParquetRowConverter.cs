using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Converts a run of a column's non-NULL physical values, as one <c>ReadBatch</c> returned them (so every pointer in
/// them is valid), into Engine values: <paramref name="target"/>[i] from <paramref name="values"/>[i].
/// </summary>
internal delegate void ParquetRowConverter<T>(ReadOnlySpan<T> values, Span<SqlValue> target)
    where T : unmanaged;
