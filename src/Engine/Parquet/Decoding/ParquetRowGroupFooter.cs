namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>What a Parquet footer says of one row group: its rows, and per leaf column its chunk's location and statistics.</summary>
/// <param name="Rows">The row group's rows (num_rows).</param>
/// <param name="Chunks">Per leaf column: where its chunk is.</param>
/// <param name="Statistics">Per leaf column: its chunk's statistics, or null when not written.</param>
internal sealed record ParquetRowGroupFooter(long Rows, ParquetChunkLocation[] Chunks, ParquetChunkStatistics?[] Statistics);
