using System.Globalization;
using System.Text;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>A small CSV dataset for job tests: a header <c>id,g</c>, then ids 1 to n, each in group <c>g{id % 7}</c>.</summary>
internal static class IdGroupCsv
{
    /// <summary>The CSV text of <paramref name="count"/> rows.</summary>
    public static string Rows(int count)
    {
        var csv = new StringBuilder("id,g\n");
        for (var i = 1; i <= count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},g{i % 7}\n");
        }

        return csv.ToString();
    }
}
