namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// A column chunk's statistics as its footer holds them (parquet.thrift's <c>Statistics</c>): the NULL count when
/// written, and the PLAIN-encoded bounds: <see cref="MinValue"/>/<see cref="MaxValue"/> (ordered by the column's
/// <c>ColumnOrder</c>) and the deprecated <see cref="Min"/>/<see cref="Max"/> (ordered as signed values by the
/// writers of their time, so right only for signed types).
/// </summary>
internal sealed record ParquetChunkStatistics(long? NullCount, byte[]? MinValue, byte[]? MaxValue, byte[]? Min, byte[]? Max);
