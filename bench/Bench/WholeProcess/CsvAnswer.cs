using System.Globalization;
using System.Text;

namespace OrleansProc.Bench.WholeProcess;

/// <summary>
/// The rows a process printed as CSV (a header, then RFC 4180 lines; an empty field is NULL, <c>""</c> an empty
/// string), sorted so that two systems' answers compare whatever order they printed equal rows in.
/// </summary>
internal static class CsvAnswer
{
    /// <summary>The rows after the header, sorted by their cells in ordinal order.</summary>
    public static List<string?[]> Parse(string csv)
    {
        var rows = new List<string?[]>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var (quoted, inQuotes, header) = (false, false, true);
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (inQuotes)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (ch == '"')
            {
                (inQuotes, quoted) = (true, true);
            }
            else if (ch is ',' or '\n')
            {
                if (ch == '\n' && field.Length > 0 && field[^1] == '\r')
                {
                    field.Length--;
                }

                fields.Add(field.Length == 0 && !quoted ? null : field.ToString());
                (field, quoted) = (new StringBuilder(), false);
                if (ch == '\n')
                {
                    if (!header)
                    {
                        rows.Add([.. fields]);
                    }

                    (fields, header) = ([], false);
                }
            }
            else
            {
                field.Append(ch);
            }
        }

        return [.. rows.OrderBy(r => string.Join('\u0001', r.Select(c => c ?? "\u0000")), StringComparer.Ordinal)];
    }

    /// <summary>Null when equal: same rows; cells equal as text, as numbers within 1e-9 relative, or as the same date and time.</summary>
    public static string? Compare(List<string?[]> a, List<string?[]> b)
    {
        if (a.Count != b.Count)
        {
            return $"{a.Count} rows vs {b.Count}";
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Length != b[i].Length)
            {
                return $"row {i}: {a[i].Length} columns vs {b[i].Length}";
            }

            for (var j = 0; j < a[i].Length; j++)
            {
                if (!Same(a[i][j], b[i][j]))
                {
                    return $"row {i} column {j}: {a[i][j] ?? "NULL"} vs {b[i][j] ?? "NULL"}";
                }
            }
        }

        return null;
    }

    private static bool Same(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (x == y)
        {
            return true;
        }

        var c = CultureInfo.InvariantCulture;
        if (double.TryParse(x, NumberStyles.Float, c, out var p) && double.TryParse(y, NumberStyles.Float, c, out var q))
        {
            return p == q || Math.Abs(p - q) <= 1e-9 * Math.Max(Math.Abs(p), Math.Abs(q));
        }

        return DateTime.TryParse(x, c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var s)
            && DateTime.TryParse(y, c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            && s == t;
    }
}
