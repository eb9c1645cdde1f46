using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>
/// What to read from one input slice (a byte range of a blob, or a whole blob) and how.
/// </summary>
/// <remarks>
/// A record belongs to the range in which it starts. The reader finds the first record that starts at or after
/// <see cref="RangeStart"/> (given the quote state <see cref="StartsInsideQuotes"/> just before
/// <see cref="RangeStart"/>) and reads every record that starts before <see cref="RangeEnd"/>, reading past
/// <see cref="RangeEnd"/> to finish the last one. When <see cref="RangeStart"/> is greater than zero the stream
/// handed to the reader must begin at byte <c>RangeStart - 1</c> of the blob, so the reader can tell whether
/// <see cref="RangeStart"/> itself begins a record. At <see cref="RangeStart"/> zero the stream begins at the start
/// of the blob, the header (CSV) is read and checked against the schema, and a UTF-8 BOM is skipped.
/// </remarks>
public sealed record ScanOptions
{
    public required DataFormat Format { get; init; }

    public required TableSchema Schema { get; init; }

    /// <summary>One flag per schema column; only flagged columns are parsed into values.</summary>
    public required IReadOnlyList<bool> NeededColumns { get; init; }

    /// <summary>The blob's name, for error messages.</summary>
    public required string SourceName { get; init; }

    public long RangeStart { get; init; }

    /// <summary>Exclusive end of the range; <see cref="long.MaxValue"/> reads to the end of the stream.</summary>
    public long RangeEnd { get; init; } = long.MaxValue;

    /// <summary>The CSV quote state just before <see cref="RangeStart"/> (assumed; verified by the caller from the quote counts).</summary>
    public bool StartsInsideQuotes { get; init; }

    /// <summary>
    /// With lenient quotes, the range starts inside an unquoted field just after a quote taken as text (see
    /// <see cref="RangeStartState.InUnquotedField"/>); <see cref="StartsInsideQuotes"/> is then false.
    /// </summary>
    public bool StartsInUnquotedField { get; init; }

    /// <summary>The start state <see cref="StartsInsideQuotes"/> and <see cref="StartsInUnquotedField"/> say.</summary>
    public RangeStartState StartState =>
        StartsInsideQuotes ? RangeStartState.InsideQuotes
        : StartsInUnquotedField ? RangeStartState.InUnquotedField
        : RangeStartState.Outside;

    /// <summary>The CSV field delimiter (a comma unless given or sniffed: ';', '|', tab).</summary>
    public byte Delimiter { get; init; } = (byte)',';

    /// <summary>
    /// A quote inside an unquoted field (not at its start) makes the record bad, and every quote toggles the quote
    /// state (RFC 4180 as written). By default such a quote is text, as in DuckDB, Python's csv and Spark.
    /// </summary>
    public bool StrictQuotes { get; init; }

    /// <summary>Count bad records and go on instead of throwing <see cref="BadRecordException"/>.</summary>
    public bool SkipBadRecords { get; init; }

    /// <summary>How many bad records a result keeps as samples.</summary>
    public int MaxBadRecordSamples { get; init; } = 5;

    /// <summary>The largest record accepted, in bytes; a longer one is a bad record.</summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;
}
