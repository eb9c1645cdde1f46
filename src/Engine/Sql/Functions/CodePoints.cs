namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// Positions and lengths in Unicode code points, as DuckDB counts characters: a surrogate pair (an emoji, say) is one
/// character. Strings without surrogates, the usual case, take the direct path (a UTF-16 index is a code point index).
/// </summary>
internal static class CodePoints
{
    /// <summary>True when the text holds a surrogate, so UTF-16 indexes and code point indexes may differ.</summary>
    public static bool HasSurrogates(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>The number of code points.</summary>
    public static long Count(string text)
    {
        if (!HasSurrogates(text))
        {
            return text.Length;
        }

        long count = 0;
        for (var i = 0; i < text.Length; i += Width(text, i))
        {
            count++;
        }

        return count;
    }

    /// <summary>The UTF-16 offset where code point <paramref name="index"/> (0-based) starts, clamped to the text.</summary>
    public static int Offset(string text, long index)
    {
        if (index <= 0)
        {
            return 0;
        }

        if (!HasSurrogates(text))
        {
            return (int)Math.Min(index, text.Length);
        }

        var offset = 0;
        for (long k = 0; k < index && offset < text.Length; k++)
        {
            offset += Width(text, offset);
        }

        return offset;
    }

    /// <summary>The code point index (0-based) of the code point at UTF-16 <paramref name="offset"/>.</summary>
    public static long IndexAt(string text, int offset)
    {
        long index = 0;
        for (var i = 0; i < offset; i += Width(text, i))
        {
            index++;
        }

        return index;
    }

    /// <summary>The code points <c>[start, end)</c> (0-based, clamped to the text) as a string.</summary>
    public static string Slice(string text, long start, long end)
    {
        if (end <= start)
        {
            return string.Empty;
        }

        var from = Offset(text, start);
        var to = Offset(text, end);
        return from == 0 && to == text.Length ? text : text[from..to];
    }

    /// <summary>The UTF-16 length (1 or 2) of the code point at <paramref name="i"/>.</summary>
    public static int Width(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
}
