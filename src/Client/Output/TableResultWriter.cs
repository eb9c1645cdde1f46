using System.Globalization;
using System.Text;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Output;

/// <summary>
/// Aligned columns under a header and a rule: numbers right-aligned, text left-aligned, NULL shown as NULL, line
/// breaks and tabs shown as \n and \t, very long cells cut with an ellipsis.
/// </summary>
internal sealed class TableResultWriter : IResultWriter
{
    public const int MaxCellWidth = 60;

    private const string Gap = "  ";

    public void Write(TextWriter output, IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var kinds = columns.Select(c => CellKinds.Of(c.Type)).ToArray();
        var header = columns.Select(c => Display(c.Name)).ToArray();
        var cells = rows.Select(row => Enumerable.Range(0, columns.Count).Select(c => Display(c < row.Count ? row[c] : null)).ToArray()).ToList();
        var widths = new int[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            widths[c] = Math.Max(Width(header[c]), cells.Count == 0 ? 0 : cells.Max(row => Width(row[c])));
        }

        output.WriteLine(Line(header, widths, kinds));
        output.WriteLine(string.Join(Gap, widths.Select(w => new string('-', w))).TrimEnd());
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths, kinds));
        }
    }

    private static string Line(string[] cells, int[] widths, CellKind[] kinds)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append(Gap);
            }

            var padding = new string(' ', widths[c] - Width(cells[c]));
            if (CellKinds.IsNumeric(kinds[c]))
            {
                line.Append(padding).Append(cells[c]);
            }
            else
            {
                line.Append(cells[c]).Append(padding);
            }
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>The text shown for a cell: NULL for null, control characters escaped, long text cut.</summary>
    public static string Display(string? cell)
    {
        if (cell is null)
        {
            return "NULL";
        }

        var text = cell.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        if (Width(text) > MaxCellWidth)
        {
            var elements = StringInfo.GetTextElementEnumerator(text);
            var cut = new StringBuilder();
            for (var n = 0; n < MaxCellWidth - 1 && elements.MoveNext(); n++)
            {
                cut.Append(elements.GetTextElement());
            }

            text = cut.Append('…').ToString();
        }

        return text;
    }

    /// <summary>Width in text elements (a letter with its combining marks counts once).</summary>
    public static int Width(string text) => new StringInfo(text).LengthInTextElements;
}
