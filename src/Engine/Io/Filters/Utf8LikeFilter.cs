namespace OrleansProc.Engine.Io.Filters;

/// <summary>
/// <c>column LIKE 'x%'</c>, <c>'%x'</c> or <c>'%x%'</c> (or NOT LIKE, negated) on bytes: a prefix, a suffix or a
/// vectorized search of the literal's UTF-8. UTF-8 is self-synchronizing, so on valid UTF-8 a byte match is a
/// character match. Patterns with <c>_</c>, or with <c>%</c> inside the literal, are not filters of this kind.
/// </summary>
internal sealed class Utf8LikeFilter : Utf8FieldFilter
{
    private readonly byte[] _literal;
    private readonly bool _anchoredAtStart;
    private readonly bool _anchoredAtEnd;

    /// <param name="column">The ordinal of the VARCHAR column tested.</param>
    /// <param name="literal">The pattern's literal part as UTF-8.</param>
    /// <param name="anchoredAtStart">Whether the pattern has no leading <c>%</c> (a prefix).</param>
    /// <param name="anchoredAtEnd">Whether the pattern has no trailing <c>%</c> (a suffix).</param>
    /// <param name="negate">Whether the filter is NOT LIKE.</param>
    public Utf8LikeFilter(int column, byte[] literal, bool anchoredAtStart, bool anchoredAtEnd, bool negate)
        : base(column, negate)
    {
        if (anchoredAtStart && anchoredAtEnd)
        {
            throw new ArgumentException("a pattern without % is an equality; use Utf8EqualsFilter", nameof(anchoredAtEnd));
        }

        _literal = literal;
        _anchoredAtStart = anchoredAtStart;
        _anchoredAtEnd = anchoredAtEnd;
    }

    /// <inheritdoc/>
    protected override bool Matches(ReadOnlySpan<byte> utf8) =>
        _anchoredAtStart ? utf8.StartsWith(_literal)
        : _anchoredAtEnd ? utf8.EndsWith(_literal)
        : utf8.IndexOf(_literal) >= 0;
}
