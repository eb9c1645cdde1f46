namespace OrleansProc.Engine.Io.Filters;

/// <summary>
/// One conjunct of a WHERE on a VARCHAR column, tested on the field's UTF-8 bytes (unquoted and unescaped) while a
/// CSV record is delivered into a <see cref="ColumnBatch"/>, before the record's other columns are parsed: a record
/// that fails it is not added. A NULL (an empty unquoted field) fails every filter, negated or not, as a comparison
/// with NULL is NULL and a WHERE keeps only TRUE.
/// </summary>
internal abstract class Utf8FieldFilter
{
    /// <param name="column">The ordinal of the VARCHAR column tested.</param>
    /// <param name="negate">Whether the filter keeps the values that do not match (<c>&lt;&gt;</c>, NOT IN, NOT LIKE).</param>
    protected Utf8FieldFilter(int column, bool negate)
    {
        Column = column;
        Negate = negate;
    }

    /// <summary>The ordinal of the VARCHAR column tested.</summary>
    public int Column { get; }

    /// <summary>Whether the filter keeps the non-NULL values that do not match.</summary>
    public bool Negate { get; }

    /// <summary>Whether a non-NULL value (valid UTF-8) passes.</summary>
    public bool Passes(ReadOnlySpan<byte> utf8) => Matches(utf8) != Negate;

    /// <summary>Whether a non-NULL value matches, before negation.</summary>
    protected abstract bool Matches(ReadOnlySpan<byte> utf8);
}
