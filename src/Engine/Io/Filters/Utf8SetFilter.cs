namespace OrleansProc.Engine.Io.Filters;

/// <summary><c>column IN ('a', 'b', ...)</c> (or NOT IN, negated) as a set keyed by the literals' UTF-8 bytes.</summary>
internal sealed class Utf8SetFilter : Utf8FieldFilter
{
    private readonly Utf8KeyDictionary _set = new();

    /// <param name="column">The ordinal of the VARCHAR column tested.</param>
    /// <param name="literals">The list's literals as UTF-8; duplicates are fine.</param>
    /// <param name="negate">Whether the filter is NOT IN (whose list then holds no NULL).</param>
    public Utf8SetFilter(int column, IEnumerable<byte[]> literals, bool negate)
        : base(column, negate)
    {
        ArgumentNullException.ThrowIfNull(literals);
        foreach (var literal in literals)
        {
            _set.GetOrAdd(literal);
        }
    }

    /// <inheritdoc/>
    protected override bool Matches(ReadOnlySpan<byte> utf8) => _set.Find(utf8) >= 0;
}
