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

    /// <summary>"line L, column C" for a 0-based offset.</summary>
    public static string Describe(string text, int position)
    {
        var (line, column) = LineAndColumn(text, position);
        return $"line {line}, column {column}";
    }
}
