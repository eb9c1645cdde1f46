namespace OrleansProc.Engine.Io;

/// <summary>
/// The CSV quote state just before a range of a cut blob: what its scan assumes, and what the ranges before it show.
/// Together with the byte just before the range, which the scan reads, it gives the exact state there.
/// </summary>
public enum RangeStartState : byte
{
    /// <summary>Outside quotes: at a field start after a delimiter or line end, after a closing quote, or inside an unquoted field after another byte.</summary>
    Outside = 0,

    /// <summary>Inside a quoted field.</summary>
    InsideQuotes = 1,

    /// <summary>Inside an unquoted field whose last byte before the range is a quote taken as text (never with strict quotes).</summary>
    InUnquotedField = 2,
}
