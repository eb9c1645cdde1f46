using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.Local;

/// <summary>What a local run produced.</summary>
/// <param name="Table">The finished result (for a transform: the first rows and the total count).</param>
/// <param name="RowsRead">Records read from the input.</param>
/// <param name="BytesRead">Bytes of records read (decompressed bytes for gzip files).</param>
/// <param name="BadRecords">Bad records skipped (only with <see cref="LocalJob.SkipBadRecords"/>).</param>
/// <param name="BadRecordSamples">The first bad records in input order, each with its line.</param>
/// <param name="Partitions">How many partitions the input was planned into.</param>
/// <param name="Rescans">How many ranges were scanned again because their quote-state guess was wrong.</param>
public sealed record LocalRunResult(
    ResultTable Table,
    long RowsRead,
    long BytesRead,
    long BadRecords,
    IReadOnlyList<BadRecord> BadRecordSamples,
    int Partitions,
    int Rescans)
{
    /// <summary>Parquet row groups that their min/max statistics ruled out for the WHERE (not read).</summary>
    public long RowGroupsSkipped { get; init; }
}
