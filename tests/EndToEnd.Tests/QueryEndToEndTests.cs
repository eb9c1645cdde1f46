using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;
using OrleansProc.SampleData;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>
/// Queries through the client against two silo processes and Azurite, over CSV files uploaded from disk; DuckDB over
/// the same files is the reference.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QueryEndToEndTests(ClusterFixture cluster) : IAsyncLifetime
{
    private const int Rows = 40_000;
    private const int Parts = 3;
    private const int Seed = 11;
    private const string Aggregate =
        "SELECT country, COUNT(*) AS n, SUM(quantity) AS items, AVG(amount) AS avg_amount, MIN(amount) AS lo, MAX(amount) AS hi, " +
        "COUNT(amount) AS priced, COUNT(DISTINCT category) AS categories FROM sales WHERE quantity >= 3 AND amount IS NOT NULL OR category = 'books' " +
        "GROUP BY country HAVING COUNT(*) > 10 ORDER BY n DESC, country LIMIT 15";

    private string SalesFolder => Path.Combine(cluster.WorkDirectory, "sales");

    public async Task InitializeAsync()
    {
        if (Directory.Exists(SalesFolder))
        {
            return;
        }

        Directory.CreateDirectory(SalesFolder);
        for (var part = 0; part < Parts; part++)
        {
            await using var file = File.Create(Path.Combine(SalesFolder, $"part-{part}.csv"));
            await SalesDataGenerator.WriteCsvAsync(file, SalesDataGenerator.RowsInPart(Rows, Parts, part), Seed, part);
        }

        var upload = await cluster.RunClientAsync("dataset", "upload", "sales", SalesFolder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Query_AggregateOverUploadedCsv_MatchesDuckDb()
    {
        var run = await cluster.RunClientAsync("query", Aggregate, "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(Aggregate, "sales", Path.Combine(SalesFolder, "*.csv")), run.Json());
    }

    [Theory]
    [InlineData(7_919)]
    [InlineData(65_536)]
    public async Task Query_SmallPartitionsCutThroughQuotedNewlines_SameAnswerAsDuckDb(int partitionSize)
    {
        var run = await cluster.RunClientAsync("query", Aggregate, "--format", "json", "--partition-size", $"{partitionSize}");

        Assert.True(run.ExitCode == 0, run.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(Aggregate, "sales", Path.Combine(SalesFolder, "*.csv")), run.Json());
    }

    [Fact]
    public async Task Query_CountAllRows_EqualsGeneratedRowCount()
    {
        var run = await cluster.RunClientAsync("query", "SELECT COUNT(*) AS n, SUM(quantity) AS q FROM sales", "--format", "json", "--partition-size", "20000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var records = Enumerable.Range(0, Parts).SelectMany(p => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(Rows, Parts, p), Seed, p)).ToList();
        var row = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal(records.Count, row.GetProperty("n").GetInt64());
        Assert.Equal(records.Sum(r => (long)r.Quantity), row.GetProperty("q").GetInt64());
    }

    [Fact]
    public async Task WordCount_CommentColumn_MatchesIndependentCount()
    {
        var run = await cluster.RunClientAsync("wordcount", "sales", "--column", "comment", "--top", "12", "--format", "json", "--partition-size", "30000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = Enumerable.Range(0, Parts)
            .SelectMany(p => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(Rows, Parts, p), Seed, p))
            .SelectMany(r => Words(r.Comment))
            .GroupBy(w => w, StringComparer.Ordinal)
            .Select(g => (Word: g.Key, Count: (long)g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Word, StringComparer.Ordinal)
            .Take(12)
            .ToList();
        var actual = run.Json().EnumerateArray().Select(e => (e.GetProperty("word").GetString()!, e.GetProperty("count").GetInt64())).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Query_TwoSilos_BothRanPartitions()
    {
        var run = await cluster.RunClientAsync("query", "SELECT category, COUNT(*) AS n FROM sales GROUP BY category", "--format", "json", "--partition-size", "100000");
        Assert.True(run.ExitCode == 0, run.ToString());

        var status = await cluster.RunClientAsync("cluster", "status", "--format", "json");

        Assert.True(status.ExitCode == 0, status.ToString());
        var silos = status.Json().EnumerateArray().ToList();
        Assert.Equal(ClusterFixture.SiloCount, silos.Count);
        Assert.All(silos, s => Assert.True(s.GetProperty("completed").GetInt64() > 0, status.Stdout));
    }

    /// <summary>Maximal runs of letters of the lowercased text, computed here without the Engine.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var lower = text.ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var letter = i < lower.Length && char.IsLetter(lower, i);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return lower[start..i];
                start = -1;
            }
        }
    }
}
