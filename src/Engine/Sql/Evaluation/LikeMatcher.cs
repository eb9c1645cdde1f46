namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>
/// A compiled LIKE pattern: <c>%</c> matches any run of characters, <c>_</c> exactly one character (a
/// surrogate pair counts as one); everything else matches itself, case-sensitively. There is no escape
/// character. Common shapes (exact, prefix, suffix, contains) use ordinal string searches.
/// </summary>
internal sealed class LikeMatcher
{
    private readonly MatchKind _kind;
    private readonly string _pattern;
    private readonly string _literal;

    private LikeMatcher(MatchKind kind, string pattern, string literal)
    {
        _kind = kind;
        _pattern = pattern;
        _literal = literal;
    }

    private enum MatchKind
    {
        Any,
        Exact,
        Prefix,
        Suffix,
        Contains,
        General,
    }

    public static LikeMatcher Create(string pattern)
    {
        if (pattern.Contains('_', StringComparison.Ordinal))
        {
            return new LikeMatcher(MatchKind.General, pattern, string.Empty);
        }

        var first = pattern.IndexOf('%', StringComparison.Ordinal);
        if (first < 0)
        {
            return new LikeMatcher(MatchKind.Exact, pattern, pattern);
        }

        var trimmedStart = pattern.AsSpan().TrimStart('%');
        var trimmed = trimmedStart.TrimEnd('%');
        if (trimmed.Length == 0)
        {
            return new LikeMatcher(MatchKind.Any, pattern, string.Empty);
        }

        if (trimmed.Contains('%'))
        {
            return new LikeMatcher(MatchKind.General, pattern, string.Empty);
        }

        var leading = trimmedStart.Length != pattern.Length;
        var trailing = trimmed.Length != trimmedStart.Length;
        var literal = trimmed.ToString();
        var kind = leading && trailing ? MatchKind.Contains : leading ? MatchKind.Suffix : MatchKind.Prefix;
        return new LikeMatcher(kind, pattern, literal);
    }

    public bool IsMatch(string text) => _kind switch
    {
        MatchKind.Any => true,
        MatchKind.Exact => string.Equals(text, _literal, StringComparison.Ordinal),
        MatchKind.Prefix => text.StartsWith(_literal, StringComparison.Ordinal),
        MatchKind.Suffix => text.EndsWith(_literal, StringComparison.Ordinal),
        MatchKind.Contains => text.Contains(_literal, StringComparison.Ordinal),
        _ => MatchGeneral(text, _pattern),
    };

    /// <summary>Matches with one pass and backtracking to the last <c>%</c>: O(text × pattern) at worst, no recursion.</summary>
    public static bool MatchGeneral(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '%')
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && pattern[p] == '_')
            {
                t += CharLength(text, t);
                p++;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                t++;
                p++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                starT += CharLength(text, starT);
                t = starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '%')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static int CharLength(ReadOnlySpan<char> text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
}
