using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Pipeline;

/// <summary>How <see cref="PartitionScan.ScanAsync"/> reads a partition: the format, the bad-record handling, the read-ahead, and the per-slice hooks.</summary>
public sealed record PartitionScanSettings
{
    public required DataFormat Format { get; init; }

    /// <summary>Count bad records and go on instead of ending the scan at the first (see <see cref="ScanOptions.SkipBadRecords"/>).</summary>
    public bool SkipBadRecords { get; init; }

    /// <summary>The CSV field delimiter (see <see cref="ScanOptions.Delimiter"/>). Default ','.</summary>
    public byte Delimiter { get; init; } = (byte)',';

    /// <summary>A quote inside an unquoted CSV field is an error (see <see cref="ScanOptions.StrictQuotes"/>).</summary>
    public bool StrictQuotes { get; init; }

    /// <summary>How many bad records the scan keeps as samples, over all its slices. Default 5.</summary>
    public int MaxBadRecordSamples { get; init; } = 5;

    /// <summary>The largest record accepted, in bytes (see <see cref="ScanOptions.MaxRecordBytes"/>). Default 16 MiB.</summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How many slices are opened ahead of the one being scanned (0: each when it is reached).</summary>
    public int ReadAhead { get; init; }

    /// <summary>
    /// For Parquet: opens a slice's whole blob as a seekable stream (the cluster's range reads); null to use the
    /// scan's <c>open</c> with the slice widened to the whole blob.
    /// </summary>
    public Func<InputSlice, CancellationToken, Task<Stream>>? OpenSeekable { get; init; }

    /// <summary>Called before a slice is opened (the cluster's fault injection throws here; the caller may note the slice for its errors).</summary>
    public Action<InputSlice>? SliceStarting { get; init; }

    /// <summary>Called after a slice was scanned to its end (the cluster's load counters and metrics).</summary>
    public Action<InputSlice, ScanResult>? SliceScanned { get; init; }
}
