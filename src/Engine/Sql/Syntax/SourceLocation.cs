namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>Turns character offsets in a query into "line L, column C" for messages.</summary>
public static class SourceLocation
{
    /// <summary>The 1-based line and column of a 0-based offset.</summary>
    public static (int Line, int Column) LineAndColumn(string text, int position)
    {
        position = Math.Clamp(position, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, position - lineStart + 1);
    }

    /// <summary>The longest piece of user text an error message quotes.</summary>
    public const int MaxQuoted = 60;

    /// <summary>
    /// User text (a name, a literal) fit to quote in a one-line error: control characters as '?', cut to
    /// <see cref="MaxQuoted"/> characters with "...".
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = text.Length > MaxQuoted ? text[..MaxQuoted] + "..." : text;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    /// <summary>Names for an error message: the first 20, then how many more.</summary>
    public static string List(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        const int shown = 20;
        var text = string.Join(", ", names.Take(shown).Select(Quote));
        return names.Count > shown ? $"{text} and {names.Count - shown} more" : text;
    }

    /// <summary>"line L, column C" for a 0-based offset.</summary>
    public static string Describe(string text, int position)
    {
        var (line, column) = LineAndColumn(text, position);
        return $"line {line}, column {column}";
    }
}
