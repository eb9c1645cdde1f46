namespace OrleansProc.Client.Output;

/// <summary>How results are printed on stdout.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns, numbers right-aligned, NULL shown as NULL.</summary>
    Table = 0,

    /// <summary>One JSON array of objects, one per row, keyed by column name.</summary>
    Json = 1,

    /// <summary>A header line, then rows quoted as RFC 4180; NULL is an empty field.</summary>
    Csv = 2,
}
