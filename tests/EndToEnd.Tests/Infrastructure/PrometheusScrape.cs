using System.Globalization;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>One scrape of a silo's <c>/metrics</c> (Prometheus text format): each sample's value, summed over its labels.</summary>
public sealed class PrometheusScrape(IReadOnlyDictionary<string, double> samples)
{
    public static async Task<PrometheusScrape> ReadAsync(HttpClient http, Uri page)
    {
        var text = await http.GetStringAsync(new Uri(page, "metrics"));
        return Parse(text);
    }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            var name = line[..nameEnd];
            var rest = line[nameEnd] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[nameEnd..];
            var value = double.Parse(rest.Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
            samples[name] = samples.GetValueOrDefault(name) + value;
        }

        return new PrometheusScrape(samples);
    }

    public double this[string name] => samples.GetValueOrDefault(name);

    public IEnumerable<string> Names(string prefix) => samples.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>The sum over silos of each sample after minus before.</summary>
    public static double Delta(IReadOnlyList<PrometheusScrape> before, IReadOnlyList<PrometheusScrape> after, string name) =>
        after.Sum(s => s[name]) - before.Sum(s => s[name]);
}
