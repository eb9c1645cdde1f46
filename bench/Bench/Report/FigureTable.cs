using System.Globalization;
using System.Text;

namespace OrleansProc.Bench.Report;

/// <summary>Prints figures as a markdown table and as JSON objects.</summary>
internal static class FigureTable
{
    public static string Text(string title, IReadOnlyList<BenchFigure> figures)
    {
        var text = new StringBuilder();
        text.AppendLine(title);
        text.AppendLine("| figure | value | how | target | met |");
        text.AppendLine("| --- | ---: | --- | --- | --- |");
        foreach (var f in figures)
        {
            var met = f.Met switch { true => "yes", false => "no", null => "" };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {Format(f.Value)} {f.Unit} | {f.Detail} | {f.Target} | {met} |");
        }

        return text.ToString().TrimEnd();
    }

    public static List<object> Json(IReadOnlyList<BenchFigure> figures) =>
        figures.Select(f => (object)new { figure = f.Name, value = f.Value, unit = f.Unit, how = f.Detail, target = f.Target, met = f.Met }).ToList();

    public static string Format(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
