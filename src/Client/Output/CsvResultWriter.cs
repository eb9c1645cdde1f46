using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Output;

/// <summary>
/// A header line, then one line per row. Fields holding a comma, a quote, a line break, or leading or trailing
/// spaces are quoted as RFC 4180 (quotes doubled); NULL is an empty field and an empty string is <c>""</c>.
/// </summary>
internal sealed class CsvResultWriter : IResultWriter
{
    public void Write(TextWriter output, IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        output.WriteLine(string.Join(',', columns.Select(c => Quote(c.Name))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(',', Enumerable.Range(0, columns.Count).Select(c => c < row.Count ? Field(row[c]) : string.Empty)));
        }
    }

    public static string Field(string? cell) => cell switch
    {
        null => string.Empty,
        "" => "\"\"",
        _ => Quote(cell),
    };

    private static string Quote(string text)
    {
        var needsQuotes = text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || text[0] == ' ' || text[^1] == ' ';
        return needsQuotes ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
