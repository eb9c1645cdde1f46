using System.Globalization;

namespace OrleansProc.Bench.Processors;

/// <summary>
/// Whether two runs of a processor gave the same answer: the rows as canonical text (what results carry over the
/// wire), in any order (partials merge in the order partitions end), numbers within 1e-9 relative (a sum of doubles
/// depends on that order).
/// </summary>
internal static class ProcessorAnswers
{
    /// <summary>Null when <paramref name="actual"/> has the rows of <paramref name="expected"/>, else the first difference.</summary>
    public static string? Difference(IReadOnlyList<IReadOnlyList<string?>> expected, IReadOnlyList<IReadOnlyList<string?>> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Count != actual.Count)
        {
            return $"{actual.Count} rows instead of {expected.Count}";
        }

        var left = Sorted(expected);
        var right = Sorted(actual);
        for (var i = 0; i < left.Count; i++)
        {
            if (left[i].Count != right[i].Count)
            {
                return $"a row of {right[i].Count} columns instead of {left[i].Count}";
            }

            for (var j = 0; j < left[i].Count; j++)
            {
                if (!Same(left[i][j], right[i][j]))
                {
                    return $"[{Show(right[i])}] instead of [{Show(left[i])}] (column {j + 1})";
                }
            }
        }

        return null;
    }

    private static List<IReadOnlyList<string?>> Sorted(IReadOnlyList<IReadOnlyList<string?>> rows) =>
        rows.OrderBy(r => string.Join('\u001f', r.Select(Key)), StringComparer.Ordinal).ToList();

    /// <summary>A cell's sort key: a number rounded to 9 significant digits, so rows that compare equal sort alike.</summary>
    private static string Key(string? cell) =>
        cell is null ? "\u0000" : double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && !long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? x.ToString("G9", CultureInfo.InvariantCulture)
            : cell;

    private static bool Same(string? x, string? y)
    {
        if (x == y)
        {
            return true;
        }

        if (x is null || y is null
            || !double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            || !double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return false;
        }

        return Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    private static string Show(IReadOnlyList<string?> row) => string.Join(", ", row.Select(c => c ?? "NULL"));
}
