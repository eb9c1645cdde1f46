using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Pipeline;

/// <summary>What <see cref="PartitionScan.ScanAsync"/> read into a partial: its counters, or the bad record that ended it.</summary>
public sealed record PartitionScanResult
{
    /// <summary>Records handed to the partial.</summary>
    public long Rows { get; init; }

    /// <summary>Bytes of records read (decompressed bytes for gzip).</summary>
    public long Bytes { get; init; }

    /// <summary>Bad records skipped (only with <see cref="PartitionScanSettings.SkipBadRecords"/>).</summary>
    public long BadRecords { get; init; }

    /// <summary>Parquet row groups in the partition's ranges that their min/max statistics ruled out for the WHERE (not read).</summary>
    public long RowGroupsSkipped { get; init; }

    /// <summary>Quote bytes counted in each slice's range, in slice order; -1 where unknown (the slice threw without one, or was not reached).</summary>
    public required IReadOnlyList<long> QuoteCounts { get; init; }

    /// <summary>What each slice's range does to the quote state, in slice order (CSV); null where unknown, as for <see cref="QuoteCounts"/>.</summary>
    public IReadOnlyList<QuoteTransfer?> QuoteTransfers { get; init; } = [];

    /// <summary>The first bad records skipped, in input order, as the scanner found them (a mid-blob record has no line yet: see <see cref="BadRecordLocator"/>).</summary>
    public IReadOnlyList<BadRecord> BadRecordSamples { get; init; } = [];

    /// <summary>The bad record that ended the scan (bad records not skipped), with its quote count when its range started mid-blob; the partial is then incomplete.</summary>
    public BadRecordException? Error { get; init; }
}
