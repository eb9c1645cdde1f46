using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// A partition that is one byte range of a cut blob, for <see cref="QuoteGuessCheck"/>: the blob, where the range
/// starts, and what its scan reported (null while it is not known: not scanned yet, or scanned without a count).
/// </summary>
public readonly record struct CutRange(string BlobName, long RangeStart, RangeQuoteReport? Report)
{
    /// <summary>The cut range of a partition's slices, or null when the partition is not one range of a cut blob (whole blobs, packs).</summary>
    public static CutRange? Of(IReadOnlyList<InputSlice> slices, RangeQuoteReport? report) =>
        slices is [{ IsWholeBlob: false } slice] ? new CutRange(slice.BlobName, slice.RangeStart, report) : null;
}
