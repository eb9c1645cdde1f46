namespace OrleansProc.Engine.Io;

/// <summary>
/// What one range of a CSV blob reported for the quote-state check: its quote count and transfer (from
/// <see cref="ScanResult"/> or <see cref="BadRecordException"/>; without a transfer the count's parity is used), and the
/// start state it was scanned with (<see cref="ScanOptions.StartsInsideQuotes"/>, <see cref="ScanOptions.StartsInUnquotedField"/>).
/// </summary>
public readonly record struct RangeQuoteReport(long QuoteCount, bool StartsInsideQuotes, bool StartsInUnquotedField = false, QuoteTransfer? Transfer = null)
{
    /// <summary>The start state the range was scanned with.</summary>
    public RangeStartState StartState =>
        StartsInsideQuotes ? RangeStartState.InsideQuotes
        : StartsInUnquotedField ? RangeStartState.InUnquotedField
        : RangeStartState.Outside;
}
