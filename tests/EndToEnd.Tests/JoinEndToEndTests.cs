using System.Text;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>
/// A broadcast join through the real cluster: two uploaded datasets, a join with GROUP BY, compared with DuckDB over
/// the same files; once with the big dataset in FROM, once swapped under a --broadcast-limit; and a FROM subquery.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JoinEndToEndTests(ClusterFixture cluster)
{
    /// <summary>Country codes of the sales generator with regions: non-ASCII names, a duplicate key (CH twice), a NULL key, and codes no sale has.</summary>
    private const string Regions =
        "code,name,region\nUS,United States,Americas\nDE,Deutschland,Europe\nCH,Schweiz,Europe\nCH,\"Suisse, Svizzera\",Alps\nFR,France,Europe\n" +
        "JP,日本,Asia\nBR,Brasil,Americas\nSE,Sverige,Nordics\nNO,Norge,Nordics\nTR,Türkiye,Europe\n,no code,Nowhere\nXX,Atlantis,Nowhere\n";

    [Fact]
    public async Task Query_JoinOfTwoDatasetsAndSubquery_MatchesDuckDb()
    {
        var root = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, "joins")).FullName;
        var salesFolder = Directory.CreateDirectory(Path.Combine(root, "sales")).FullName;
        for (var part = 0; part < 2; part++)
        {
            await using var file = File.Create(Path.Combine(salesFolder, $"part-{part}.csv"));
            await SalesDataGenerator.WriteCsvAsync(file, 20_000, 17, part);
        }

        var regionsFolder = Directory.CreateDirectory(Path.Combine(root, "regions")).FullName;
        await File.WriteAllTextAsync(Path.Combine(regionsFolder, "regions.csv"), Regions, new UTF8Encoding(false));
        foreach (var (dataset, folder) in new[] { ("joinsales", salesFolder), ("regions", regionsFolder) })
        {
            var upload = await cluster.RunClientAsync("dataset", "upload", dataset, folder);
            Assert.True(upload.ExitCode == 0, upload.ToString());
        }

        (string, string)[] views = [("joinsales", Path.Combine(salesFolder, "*.csv")), ("regions", Path.Combine(regionsFolder, "regions.csv"))];
        const string big =
            "SELECT r.region AS region, COUNT(*) AS n, SUM(s.quantity) AS items, COUNT(r.name) AS named FROM joinsales s LEFT JOIN regions r ON s.country = r.code " +
            "WHERE s.amount IS NOT NULL GROUP BY r.region ORDER BY region NULLS LAST";
        var run = await cluster.RunClientAsync("query", big, "--format", "json", "--partition-size", "60000");
        Assert.True(run.ExitCode == 0, run.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(big, views), run.Json());

        const string swapped =
            "SELECT r.name AS name, MAX(s.user_id) AS top, SUM(s.amount) AS total FROM regions AS r JOIN joinsales s ON r.code = s.country GROUP BY r.name ORDER BY name";
        var swap = await cluster.RunClientAsync("query", swapped, "--format", "json", "--broadcast-limit", "4096", "--partition-size", "60000");
        Assert.True(swap.ExitCode == 0, swap.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(swapped, views), swap.Json());

        const string nested =
            "SELECT MAX(n) AS most, COUNT(*) AS countries, SUM(n) AS sales FROM (SELECT country, COUNT(*) AS n FROM joinsales WHERE quantity >= 2 GROUP BY country) AS c WHERE n > 100";
        var sub = await cluster.RunClientAsync("query", nested, "--format", "json", "--partition-size", "60000");
        Assert.True(sub.ExitCode == 0, sub.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(nested, views), sub.Json());

        var both = await cluster.RunClientAsync("query", swapped, "--broadcast-limit", "10");
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("both sides of the join are larger than the broadcast limit of 10 bytes", both.ToString(), StringComparison.Ordinal);
    }
}
