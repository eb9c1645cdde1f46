namespace OrleansProc.Engine.Io;

/// <summary>A range scanned under a wrong quote-state guess: scan it again with <paramref name="StartsInsideQuotes"/>.</summary>
public sealed record QuoteParityFix(int RangeIndex, bool StartsInsideQuotes);
