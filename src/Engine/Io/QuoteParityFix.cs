namespace OrleansProc.Engine.Io;

/// <summary>
/// A range scanned under a wrong quote-state guess: scan it again with <paramref name="StartsInsideQuotes"/> and
/// <paramref name="StartsInUnquotedField"/> (see <see cref="ScanOptions"/>).
/// </summary>
public sealed record QuoteParityFix(int RangeIndex, bool StartsInsideQuotes, bool StartsInUnquotedField = false);
