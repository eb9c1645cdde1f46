namespace OrleansProc.Engine.Io;

/// <summary>
/// Where <see cref="CsvTokenizer"/>'s scalar framing takes over from its vector loop: the next byte, the current
/// field's start, whether it holds a quote, and the position just after its closing quote (-1 when none).
/// </summary>
internal readonly record struct FieldCursor(int Position, int FieldStart, bool HasQuote, int ReopenAt);
