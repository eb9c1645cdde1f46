using System.Globalization;
using System.Text;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>
/// Joins and JSON paths over the formats a user uploads, through the two-silo cluster against DuckDB over the same
/// files: a small table that is a <c>;</c>-delimited CSV (the delimiter sniffed at upload) broadcast to a big side of
/// JSON array files, and a JSON Lines dataset with nested objects read with <c>a.b</c> paths and <c>-&gt;&gt;</c>, joined
/// to the same small table. NULLs, non-ASCII text and quoted fields with the other delimiters in them throughout.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FormatJoinsEndToEndTests(ClusterFixture cluster)
{
    /// <summary>Country codes with names and regions, <c>;</c>-delimited: commas and a <c>;</c> inside quoted fields, a duplicate key, an empty key.</summary>
    private const string SemicolonRegions =
        "code;name;region\nUS;United States;\"Americas, North\"\nDE;Deutschland;Europe\nCH;Schweiz;Europe\nCH;\"Suisse; Svizzera\";Alps\n" +
        "FR;France;Europe\nJP;日本;Asia\nBR;Brasil;\"Americas, South\"\nSE;Sverige;Nordics\nTR;Türkiye;Europe\n;no code;Nowhere\nXX;Atlantis;Nowhere\n";

    private static readonly string[] Cities = ["Oslo", "Zürich", "São Paulo", "東京"];

    [Fact]
    public async Task Query_JoinsOverSemicolonCsvJsonArraysAndNestedJsonLines_MatchDuckDb()
    {
        var root = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, "formatjoins")).FullName;
        var regionsFile = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "regions")).FullName, "regions.csv");
        await File.WriteAllTextAsync(regionsFile, SemicolonRegions, new UTF8Encoding(false));
        var records = SalesDataGenerator.Records(12_000, 23, 0).ToList();
        var arrays = Directory.CreateDirectory(Path.Combine(root, "orders")).FullName;
        var lines = Directory.CreateDirectory(Path.Combine(root, "events")).FullName;
        for (var part = 0; part < 3; part++)
        {
            var slice = records.Skip(part * 4_000).Take(4_000).ToList();
            await File.WriteAllTextAsync(Path.Combine(arrays, $"part-{part}.json"), JsonArray(slice), new UTF8Encoding(false));
            await File.WriteAllTextAsync(Path.Combine(lines, $"part-{part}.jsonl"), JsonLines(slice), new UTF8Encoding(false));
        }

        foreach (var (dataset, path) in new[] { ("semiregions", regionsFile), ("orders", arrays), ("events", lines) })
        {
            var upload = await cluster.RunClientAsync("dataset", "upload", dataset, path);
            Assert.True(upload.ExitCode == 0, upload.ToString());
        }

        var views = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["semiregions"] = regionsFile,
            ["orders"] = Path.Combine(arrays, "*.json"),
            ["events"] = Path.Combine(lines, "*.jsonl"),
        };
        string[] queries =
        [
            // The big side is JSON arrays (one partition per array file), the small side the ;-delimited CSV.
            "SELECT r.region AS region, COUNT(*) AS n, SUM(o.amount) AS total, COUNT(r.name) AS named FROM orders o LEFT JOIN semiregions r ON o.country = r.code " +
                "GROUP BY r.region ORDER BY region NULLS LAST",
            "SELECT r.name AS name, COUNT(*) AS n, MAX(o.user_id) AS top, MIN(o.buyer.city) AS city FROM orders o JOIN semiregions r ON o.country = r.code " +
                "WHERE o.amount > 10 GROUP BY r.name ORDER BY name",
            // JSON Lines with nested objects: a.b paths and ->> (arrays inside records, JSON text in a field).
            "SELECT buyer.geo.city AS city, COUNT(*) AS n, SUM(amount) AS total, MAX(buyer.name) AS top FROM events GROUP BY buyer.geo.city ORDER BY city NULLS LAST",
            "SELECT tags->>0 AS first_tag, meta->>'$.k' AS k, COUNT(*) AS n, SUM(quantity) AS q FROM events WHERE meta->>'k' IS NOT NULL " +
                "GROUP BY tags->>0, meta->>'$.k' ORDER BY first_tag NULLS LAST, k",
            "SELECT r.region AS region, COUNT(*) AS n, COUNT(e.buyer.geo.city) AS located, MAX(e.tags->>-1) AS last_tag FROM events e JOIN semiregions r ON e.country = r.code " +
                "GROUP BY r.region ORDER BY region",
        ];
        foreach (var sql in queries)
        {
            var run = await cluster.RunClientAsync("query", sql, "--format", "json", "--partition-size", "100000");
            Assert.True(run.ExitCode == 0, $"{sql}\n{run}");
            var expected = DuckDbReference.Query(sql, views);
            Assert.True(expected.Count >= 4 && expected.Any(r => r.Values.All(v => v is not null)), $"{sql}: DuckDB gave {expected.Count} rows");
            DuckDbReference.AssertSameRows(expected, run.Json());
        }
    }

    /// <summary>The records as one JSON array, pretty-printed: a nested buyer object (NULL city every 7th), NULL amounts as null.</summary>
    private static string JsonArray(IReadOnlyList<SalesRecord> records)
    {
        var text = new StringBuilder("[\n");
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var city = r.UserId % 7 == 0 ? "null" : $"\"{Cities[(int)(r.UserId % Cities.Length)]}\"";
            text.Append(i == 0 ? "  " : ",\n  ")
                .Append(CultureInfo.InvariantCulture, $"{{\"user_id\": {r.UserId}, \"country\": \"{r.Country}\", \"amount\": {Amount(r)}, \"buyer\": {{\"city\": {city}}}}}");
        }

        return text.Append("\n]\n").ToString();
    }

    /// <summary>
    /// The records as JSON Lines: a nested buyer object two levels deep (a NULL buyer every 13th record, a NULL city
    /// every 7th), a tags array (empty every 5th), and a field holding JSON text (NULL every 4th, a null k every 9th).
    /// </summary>
    private static string JsonLines(IReadOnlyList<SalesRecord> records)
    {
        var text = new StringBuilder();
        foreach (var r in records)
        {
            var city = r.UserId % 7 == 0 ? "null" : $"\"{Cities[(int)(r.UserId % Cities.Length)]}\"";
            var buyer = r.UserId % 13 == 0 ? "null" : $"{{\"name\": \"Zoë {r.Category}\", \"geo\": {{\"city\": {city}, \"zip\": \"0{r.Quantity}\"}}}}";
            var tags = r.UserId % 5 == 0 ? "[]" : $"[\"{r.Category}\", \"n°{r.Quantity}\"]";
            var meta = r.UserId % 4 == 0 ? "null" : r.UserId % 9 == 0 ? "\"{\\\"k\\\": null}\"" : $"\"{{\\\"k\\\": \\\"{r.Country}-é\\\"}}\"";
            text.Append(CultureInfo.InvariantCulture, $"{{\"user_id\": {r.UserId}, \"country\": \"{r.Country}\", \"amount\": {Amount(r)}, \"quantity\": {r.Quantity}, ")
                .Append(CultureInfo.InvariantCulture, $"\"buyer\": {buyer}, \"tags\": {tags}, \"meta\": {meta}}}\n");
        }

        return text.ToString();
    }

    private static string Amount(SalesRecord r) => r.Amount is { } a ? a.ToString(CultureInfo.InvariantCulture) : "null";
}
