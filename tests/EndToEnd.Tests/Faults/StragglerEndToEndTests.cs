using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// A partition whose first attempt hangs (says "running" forever; the silos hang the first attempt of a blob named
/// <see cref="FaultClusterFixture.StragglerMarker"/>), on silo processes and Azurite: `--partition-timeout` fails and
/// retries it, or a speculative copy on another attempt wins; either way the answer is exact.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class StragglerEndToEndTests(FaultClusterFixture cluster, ITestOutputHelper output) : IClassFixture<FaultClusterFixture>
{
    [Fact]
    public async Task Straggler_PartitionTimeout_RetriedAndTheAnswerIsExact()
    {
        var rows = await UploadAsync("slowtimeout");

        var clock = Stopwatch.StartNew();
        var run = await cluster.RunClientAsync("query", "SELECT COUNT(*) AS n, SUM(v) AS s FROM slowtimeout", "--format", "json", "--partition-size", "1024", "--partition-timeout", "5s");
        output.WriteLine($"ended after {clock.Elapsed.TotalSeconds:F1}s");

        AssertAnswer(run, rows);
    }

    [Fact]
    public async Task Straggler_Speculation_CopyWinsAndTheAnswerIsExact()
    {
        var rows = await UploadAsync("slowspec");

        var clock = Stopwatch.StartNew();
        var run = await cluster.RunClientAsync("query", "SELECT COUNT(*) AS n, SUM(v) AS s FROM slowspec", "--format", "json", "--partition-size", "1024");
        output.WriteLine($"ended after {clock.Elapsed.TotalSeconds:F1}s (speculation after 30 s)");

        AssertAnswer(run, rows);
        Assert.True(
            cluster.Silos.Any(s => s.Output.Contains("speculative attempt 2 started", StringComparison.Ordinal)),
            "no speculative copy was started");
    }

    /// <summary>Uploads 8 blobs of some 850 bytes (one partition each at --partition-size 1024), the third a straggler.</summary>
    private async Task<List<(int Id, int V)>> UploadAsync(string dataset)
    {
        Assert.DoesNotContain(FaultClusterFixture.StragglerMarker, dataset, StringComparison.Ordinal); // else every blob would be one
        var directory = Path.Combine(cluster.WorkDirectory, dataset);
        Directory.CreateDirectory(directory);
        var all = new List<(int Id, int V)>();
        for (var file = 0; file < 8; file++)
        {
            var rows = Enumerable.Range((file + 1) * 1_000, 80).Select(i => (i, (i * 37 % 1_000) - 300)).ToList();
            all.AddRange(rows);
            var csv = new StringBuilder("id,v\n");
            foreach (var (id, v) in rows)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{id},{v}\n");
            }

            var name = file == 2 ? $"{file}-{FaultClusterFixture.StragglerMarker}.csv" : $"{file}.csv";
            await File.WriteAllTextAsync(Path.Combine(directory, name), csv.ToString());
        }

        var upload = await cluster.RunClientAsync("dataset", "upload", dataset, directory);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        return all;
    }

    private static void AssertAnswer(ClientRun run, List<(int Id, int V)> rows)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        var row = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal(rows.Count, row.GetProperty("n").GetInt64());
        Assert.Equal(rows.Sum(r => (long)r.V), row.GetProperty("s").GetInt64());
    }
}
