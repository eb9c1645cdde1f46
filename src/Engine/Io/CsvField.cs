namespace OrleansProc.Engine.Io;

/// <summary>One field of a framed CSV record: [Start, End) relative to the record start, and whether it holds a quote.</summary>
internal readonly record struct CsvField(int Start, int End, bool HasQuote);
