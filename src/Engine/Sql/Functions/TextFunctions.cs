using System.Buffers;
using System.Text;
using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>The text functions, as DuckDB computes them; positions and lengths count code points (<see cref="CodePoints"/>).</summary>
internal static class TextFunctions
{
    /// <summary>The largest offset or length SUBSTRING accepts (DuckDB's limit).</summary>
    public const long MaxSubstringArgument = uint.MaxValue;

    /// <summary>
    /// <c>SUBSTRING(text, start[, length])</c>: 1-based; 0 starts one character before the first; a negative start
    /// counts from the end; a negative length takes the characters before the start. Out of the text is cut away.
    /// </summary>
    public static string Substring(string text, long start, long? length, string location)
    {
        if (start is > MaxSubstringArgument or < -MaxSubstringArgument)
        {
            throw new QueryException($"out of range at {location}: the SUBSTRING offset {start} is outside the supported range (±{MaxSubstringArgument})");
        }

        if (length is { } l and (> MaxSubstringArgument or < -MaxSubstringArgument))
        {
            throw new QueryException($"out of range at {location}: the SUBSTRING length {l} is outside the supported range (±{MaxSubstringArgument})");
        }

        var count = CodePoints.Count(text);
        var begin = start > 0 ? start - 1 : start == 0 ? -1 : count + start;
        long end;
        if (length is not { } n)
        {
            end = count;
        }
        else if (n >= 0)
        {
            end = begin + n;
        }
        else
        {
            end = begin;
            begin += n;
        }

        return CodePoints.Slice(text, Math.Clamp(begin, 0, count), Math.Clamp(end, 0, count));
    }

    /// <summary><c>LEFT(text, n)</c>: the first n characters; a negative n drops the last -n.</summary>
    public static string Left(string text, long n)
    {
        var count = CodePoints.Count(text);
        return CodePoints.Slice(text, 0, n >= 0 ? Math.Min(n, count) : Math.Max(count + n, 0));
    }

    /// <summary><c>RIGHT(text, n)</c>: the last n characters; a negative n drops the first -n.</summary>
    public static string Right(string text, long n)
    {
        var count = CodePoints.Count(text);
        return CodePoints.Slice(text, n >= 0 ? Math.Max(count - n, 0) : n <= -count ? count : -n, count);
    }

    /// <summary><c>STRPOS(text, search)</c>: the 1-based character position of the first occurrence, 0 when none.</summary>
    public static long StrPos(string text, string search)
    {
        var at = text.IndexOf(search, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        return (CodePoints.HasSurrogates(text) ? CodePoints.IndexAt(text, at) : at) + 1;
    }

    /// <summary><c>REPLACE(text, from, to)</c>: every occurrence, ordinal; an empty <paramref name="from"/> changes nothing.</summary>
    public static string Replace(string text, string from, string to) =>
        from.Length == 0 ? text : text.Replace(from, to, StringComparison.Ordinal);

    /// <summary>
    /// <c>SPLIT_PART(text, separator, n)</c>: the n-th part (1-based; negative counts from the end); empty when out of range
    /// or n is 0. An empty separator splits into characters.
    /// </summary>
    public static string SplitPart(string text, string separator, long n)
    {
        if (n == 0)
        {
            return string.Empty;
        }

        if (separator.Length == 0)
        {
            var count = CodePoints.Count(text);
            var index = n > 0 ? n - 1 : count + n;
            return index >= 0 && index < count ? CodePoints.Slice(text, index, index + 1) : string.Empty;
        }

        var parts = text.Split(separator, StringSplitOptions.None);
        var k = n > 0 ? n - 1 : parts.Length + n;
        return k >= 0 && k < parts.Length ? parts[k] : string.Empty;
    }

    /// <summary>
    /// <c>TRIM</c>, <c>LTRIM</c>, <c>RTRIM</c>: removes the characters of <paramref name="characters"/> (code points) from
    /// the start and/or the end. Without a set, DuckDB trims spaces only (not tabs or newlines).
    /// </summary>
    public static string Trim(string text, string? characters, bool start, bool end)
    {
        if (characters is null)
        {
            var span = text.AsSpan();
            span = start ? span.TrimStart(' ') : span;
            span = end ? span.TrimEnd(' ') : span;
            return span.Length == text.Length ? text : span.ToString();
        }

        if (characters.Length == 0)
        {
            return text;
        }

        var from = 0;
        var to = text.Length;
        while (start && from < to && Rune.DecodeFromUtf16(text.AsSpan(from, to - from), out var first, out var width) == OperationStatus.Done
            && Contains(characters, first))
        {
            from += width;
        }

        while (end && to > from && Rune.DecodeLastFromUtf16(text.AsSpan(from, to - from), out var last, out var width) == OperationStatus.Done
            && Contains(characters, last))
        {
            to -= width;
        }

        return from == 0 && to == text.Length ? text : text[from..to];
    }

    private static bool Contains(string characters, Rune rune)
    {
        Span<char> buffer = stackalloc char[2];
        var written = rune.EncodeToUtf16(buffer);
        return characters.AsSpan().IndexOf(buffer[..written], StringComparison.Ordinal) >= 0;
    }
}
