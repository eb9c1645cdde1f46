namespace OrleansProc.Engine.Io;

/// <summary>What reading one slice found.</summary>
/// <param name="Records">Records handed to the sink.</param>
/// <param name="BytesRead">Bytes of the range consumed (from the first record start to the end of the last record).</param>
/// <param name="QuoteCount">Number of '"' bytes in [RangeStart, RangeEnd) (CSV only; 0 otherwise), for the caller's parity check.</param>
/// <param name="BadRecords">Bad records skipped (only with <see cref="ScanOptions.SkipBadRecords"/>).</param>
/// <param name="BadRecordSamples">The first few bad records.</param>
public sealed record ScanResult(long Records, long BytesRead, long QuoteCount, long BadRecords, IReadOnlyList<BadRecord> BadRecordSamples)
{
    /// <summary>What the range does to the quote state (CSV only; null otherwise), for the caller's check of its guess (see <see cref="QuoteParity"/>).</summary>
    public QuoteTransfer? QuoteTransfer { get; init; }
}
