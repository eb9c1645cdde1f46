namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// A partition scanned under a wrong quote-state guess: scan it again with <paramref name="StartsInsideQuotes"/> and
/// <paramref name="StartsInUnquotedField"/>.
/// </summary>
public readonly record struct PartitionQuoteFix(int Partition, bool StartsInsideQuotes, bool StartsInUnquotedField = false);
