namespace OrleansProc.Engine.Io;

/// <summary>
/// What one range of a CSV blob reported for the parity check: its quote count (from <see cref="ScanResult.QuoteCount"/>
/// or <see cref="BadRecordException.QuoteCount"/>) and the <see cref="ScanOptions.StartsInsideQuotes"/> it was scanned with.
/// </summary>
public readonly record struct RangeQuoteReport(long QuoteCount, bool StartsInsideQuotes);
