namespace OrleansProc.Engine.Io;

/// <summary>Where a CSV reader is between two bytes, as record framing sees it.</summary>
internal enum QuoteState : byte
{
    /// <summary>At the start of a field (after a delimiter, a line end, or at the start of the blob): a quote opens a quoted field.</summary>
    FieldStart,

    /// <summary>Inside a quoted field: only a quote matters.</summary>
    InsideQuotes,

    /// <summary>Just after the closing quote of a quoted field: a quote here is the second of a doubled quote.</summary>
    AfterClosingQuote,

    /// <summary>Inside an unquoted field: a quote is text (unless quotes are strict).</summary>
    InUnquotedField,
}
