using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.Local;

/// <summary>What one scan of one partition produced: its partial or its bad-record error, and its counts.</summary>
internal sealed class PartitionOutcome(PartitionScanResult scan, IPartial? partial, RangeStartState startState)
{
    /// <summary>The scan's counters, quote counts, samples and error.</summary>
    public PartitionScanResult Scan { get; } = scan;

    /// <summary>The partial (complete), or null when the scan ended at <see cref="Error"/>.</summary>
    public IPartial? Partial { get; } = partial;

    public long Rows => Scan.Rows;

    public long Bytes => Scan.Bytes;

    /// <summary>The quote state the (single) range was scanned with.</summary>
    public RangeStartState StartState { get; } = startState;

    /// <summary>The first bad record, when bad records are not skipped.</summary>
    public BadRecordException? Error => Scan.Error;

    /// <summary>
    /// True when an error of this scan is real: the scan started at a record boundary known for sure (a whole file,
    /// a file's first range, a non-CSV range, a re-scan) or the quote counts confirmed its guess.
    /// </summary>
    public bool Verified { get; set; }
}
