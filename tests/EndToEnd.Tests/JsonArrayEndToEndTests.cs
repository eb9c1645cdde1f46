using System.Globalization;
using System.Text;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>A dataset of JSON array files (one large, pretty-printed, with nested objects) through the real cluster, against DuckDB's read_json.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JsonArrayEndToEndTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Query_JsonArrayDatasetWithNestedObjects_AgreesWithDuckDb()
    {
        var folder = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, "formats", "jsonarray")).FullName;
        var records = SalesDataGenerator.Records(9_000, 17, 0).ToList();
        for (var part = 0; part < 3; part++)
        {
            var slice = records.Skip(part == 0 ? 0 : 7_000 + ((part - 1) * 1_000)).Take(part == 0 ? 7_000 : 1_000);
            var text = new StringBuilder("[\n");
            var first = true;
            foreach (var r in slice)
            {
                text.Append(first ? "  " : ",\n  ");
                first = false;
                var amount = r.Amount is { } a ? a.ToString(CultureInfo.InvariantCulture) : "null";
                text.Append(CultureInfo.InvariantCulture, $"{{\"user_id\": {r.UserId}, \"buyer\": {{\"country\": \"{r.Country}\", \"note\": \"Zoë 日本 {r.Quantity}\"}}, \"amount\": {amount}, \"quantity\": {r.Quantity}}}");
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"part-{part}.json"), text.Append("\n]\n").ToString(), new UTF8Encoding(false));
        }

        var upload = await cluster.RunClientAsync("dataset", "upload", "salesarray", folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());

        const string Select = "COUNT(*) AS n, SUM(amount) AS total, COUNT(amount) AS priced, MAX(user_id) AS top, MIN(quantity) AS q FROM salesarray";
        var run = await cluster.RunClientAsync(
            "query", $"SELECT \"buyer.country\" AS country, {Select} WHERE \"buyer.note\" LIKE 'Zoë%' GROUP BY 1 ORDER BY 1", "--format", "json", "--partition-size", "50000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = DuckDbReference.Query($"SELECT buyer.country AS country, {Select} WHERE buyer.note LIKE 'Zoë%' GROUP BY 1 ORDER BY 1", "salesarray", Path.Combine(folder, "*.json"));
        Assert.Equal(records.Select(r => r.Country).Distinct().Count(), expected.Count);
        DuckDbReference.AssertSameRows(expected, run.Json());
    }
}
