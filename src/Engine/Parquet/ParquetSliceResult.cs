namespace OrleansProc.Engine.Parquet;

/// <summary>What <see cref="ParquetSliceScanner.Scan"/> read from one slice.</summary>
/// <param name="Rows">Rows handed to the sink.</param>
/// <param name="Bytes">Compressed bytes of the column chunks read.</param>
/// <param name="RowGroupsRead">Row groups of the slice that were read.</param>
/// <param name="RowGroupsSkipped">Row groups of the slice that their statistics ruled out.</param>
internal sealed record ParquetSliceResult(long Rows, long Bytes, int RowGroupsRead, int RowGroupsSkipped);
