namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Tests a run of a VARCHAR column's non-NULL physical values, as one <c>ReadBatch</c> returned them (so every
/// pointer in them is valid), against the WHERE's filters on that column: <paramref name="passes"/>[i] is whether
/// value i passes all of them.
/// </summary>
internal delegate void ParquetFilterConverter<T>(ReadOnlySpan<T> values, Span<bool> passes)
    where T : unmanaged;
