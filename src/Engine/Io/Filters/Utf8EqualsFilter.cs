namespace OrleansProc.Engine.Io.Filters;

/// <summary>
/// <c>column = 'literal'</c> (or <c>&lt;&gt;</c>, negated) on bytes: equal UTF-8 is equal text, as the row
/// evaluator's ordinal comparison of strings has it. Also a LIKE pattern with no wildcard.
/// </summary>
internal sealed class Utf8EqualsFilter : Utf8FieldFilter
{
    private readonly byte[] _literal;

    /// <param name="column">The ordinal of the VARCHAR column tested.</param>
    /// <param name="literal">The literal's UTF-8.</param>
    /// <param name="negate">Whether the filter is <c>&lt;&gt;</c>.</param>
    public Utf8EqualsFilter(int column, byte[] literal, bool negate)
        : base(column, negate)
    {
        _literal = literal;
    }

    /// <inheritdoc/>
    protected override bool Matches(ReadOnlySpan<byte> utf8) => utf8.SequenceEqual(_literal);
}
