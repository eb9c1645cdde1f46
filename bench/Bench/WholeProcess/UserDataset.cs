namespace OrleansProc.Bench.WholeProcess;

/// <summary>A dataset of the whole-process figures: its CSV parts, their Parquet copy and the small table it joins.</summary>
/// <param name="Name">The dataset's name (<c>sales</c> or <c>export</c>).</param>
/// <param name="CsvGlob">The glob of its CSV parts (<c>dir/*.csv</c>).</param>
/// <param name="Columns">Its schema as DuckDB's <c>read_csv</c> columns take it (<c>name TYPE, ...</c>).</param>
/// <param name="ParquetGlob">The glob of the Parquet copy (one file per CSV part).</param>
/// <param name="RegionTable">The small CSV (<c>key,region</c>) the join query joins.</param>
/// <param name="Bytes">The CSV parts' size.</param>
/// <param name="Rows">The CSV parts' rows.</param>
internal sealed record UserDataset(string Name, string CsvGlob, string Columns, string ParquetGlob, string RegionTable, long Bytes, long Rows);
