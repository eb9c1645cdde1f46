using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.Local;

/// <summary>What one scan of one partition produced: its partial or its bad-record error, and its counts.</summary>
internal sealed class PartitionOutcome(int slices, bool startsInsideQuotes)
{
    /// <summary>The partial (complete), or null when the scan threw <see cref="Error"/>.</summary>
    public IPartial? Partial { get; set; }

    public long Rows { get; set; }

    public long Bytes { get; set; }

    public long BadRecords { get; set; }

    public List<BadRecord> Samples { get; } = [];

    /// <summary>Quote count per slice; -1 when unknown (the slice threw without one, or was not reached).</summary>
    public long[] QuoteCounts { get; } = NewQuoteCounts(slices);

    /// <summary>The quote state the (single) range was scanned with.</summary>
    public bool StartsInsideQuotes { get; } = startsInsideQuotes;

    /// <summary>The first bad record, when bad records are not skipped.</summary>
    public BadRecordException? Error { get; set; }

    /// <summary>
    /// True when an error of this scan is real: the scan started at a record boundary known for sure (a whole file,
    /// a file's first range, a non-CSV range, a re-scan) or the quote counts confirmed its guess.
    /// </summary>
    public bool Verified { get; set; }

    private static long[] NewQuoteCounts(int count)
    {
        var counts = new long[count];
        Array.Fill(counts, -1);
        return counts;
    }
}
