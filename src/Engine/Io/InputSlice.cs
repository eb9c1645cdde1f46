namespace OrleansProc.Engine.Io;

/// <summary>
/// A part of one blob to scan: [RangeStart, RangeEnd). A whole blob is [0, <see cref="long.MaxValue"/>); the last
/// range of a cut blob also ends at <see cref="long.MaxValue"/> (to the end of the blob).
/// </summary>
public sealed record InputSlice(string BlobName, long RangeStart, long RangeEnd, bool Gzip)
{
    /// <summary>True when the slice is the whole blob.</summary>
    public bool IsWholeBlob => RangeStart == 0 && RangeEnd == long.MaxValue;

    /// <summary>The CSV quote state just before <see cref="RangeStart"/> that the scan assumes (see <see cref="ScanOptions.StartsInsideQuotes"/>).</summary>
    public bool StartsInsideQuotes { get; init; }

    /// <summary>The scan assumes the range starts inside an unquoted field after a quote taken as text (see <see cref="ScanOptions.StartsInUnquotedField"/>).</summary>
    public bool StartsInUnquotedField { get; init; }
}
