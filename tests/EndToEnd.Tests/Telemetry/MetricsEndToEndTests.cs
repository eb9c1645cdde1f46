using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OrleansProc.EndToEnd.Tests.Infrastructure;

namespace OrleansProc.EndToEnd.Tests.Telemetry;

/// <summary>
/// A job on the two silo processes, then each silo's Prometheus endpoint: the job and partition counters summed over
/// the silos match the uploaded files and the job's own progress; the client's stdout carries only the result.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class MetricsEndToEndTests(ClusterFixture cluster)
{
    private const int Files = 3;
    private const int RowsPerFile = 6_000;

    [Fact]
    public async Task Metrics_AfterAJob_CountersMatchTheDatasetOverBothSilos()
    {
        var folder = Path.Combine(cluster.WorkDirectory, "metered");
        Directory.CreateDirectory(folder);
        long sum = 0;
        for (var file = 0; file < Files; file++)
        {
            var csv = new StringBuilder("id,word\n");
            for (var i = 0; i < RowsPerFile; i++)
            {
                var id = file * RowsPerFile + i;
                sum += id;
                csv.Append(CultureInfo.InvariantCulture, $"{id},w{id % 17}\n");
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"part-{file}.csv"), csv.ToString());
        }

        var datasetBytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
        var upload = await cluster.RunClientAsync("dataset", "upload", "metered", folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var before = await ScrapeAllAsync(http);

        var run = await cluster.RunClientAsync("query", "SELECT COUNT(*) AS n, SUM(id) AS s FROM metered", "--format", "csv", "--partition-size", "16k");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"n,s\n{Files * RowsPerFile},{sum}\n", run.Stdout); // the result alone: progress went to stderr
        var progress = PartitionsDone().Match(run.Stderr);
        Assert.True(progress.Success, run.Stderr);
        var partitions = int.Parse(progress.Groups[1].Value, CultureInfo.InvariantCulture);

        var after = await WaitForAsync(http, before, scrapes => PrometheusScrape.Delta(before, scrapes, "orleansproc_jobs_completed_total") >= 1);
        string Names() => string.Join(", ", after[0].Names("orleansproc"));
        Assert.True(PrometheusScrape.Delta(before, after, "orleansproc_jobs_started_total") == 1, Names());
        Assert.Equal(1, PrometheusScrape.Delta(before, after, "orleansproc_jobs_completed_total"));
        Assert.Equal(0, PrometheusScrape.Delta(before, after, "orleansproc_jobs_failed_total"));
        Assert.Equal(1, PrometheusScrape.Delta(before, after, "orleansproc_job_duration_seconds_count"));
        var bytes = PrometheusScrape.Delta(before, after, "orleansproc_bytes_read_bytes_total");
        var rows = PrometheusScrape.Delta(before, after, "orleansproc_rows_read_total");
        var done = PrometheusScrape.Delta(before, after, "orleansproc_partitions_done_total");
        var retried = PrometheusScrape.Delta(before, after, "orleansproc_partitions_retried_total");
        var attempts = PrometheusScrape.Delta(before, after, "orleansproc_partition_duration_seconds_count");
        if (retried == 0)
        {
            Assert.Equal(datasetBytes, bytes);
            Assert.Equal(Files * RowsPerFile, rows);
            Assert.Equal(partitions, done);
            Assert.Equal(partitions, attempts);
        }
        else
        {
            // On a loaded machine the coordinator may take a partition for lost and run it again: the counters then
            // count the work of every attempt, the result only one.
            Assert.InRange(bytes, datasetBytes + 1, datasetBytes * 2);
            Assert.InRange(rows, Files * RowsPerFile + 1, Files * RowsPerFile * 2);
            Assert.InRange(done, partitions, partitions + retried);
            Assert.Equal(partitions + retried, attempts);
        }

        Assert.Equal(0, after.Sum(s => s["orleansproc_partitions_running"]));
        Assert.All(Enumerable.Range(0, after.Count), silo =>
            Assert.True(after[silo]["orleansproc_bytes_read_bytes_total"] > before[silo]["orleansproc_bytes_read_bytes_total"], $"silo {silo} read nothing"));

        // cluster status: each silo with its totals (since it started) and its recent rates
        var status = await cluster.RunClientAsync("cluster", "status", "--format", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var silos = status.Json().EnumerateArray().ToList();
        Assert.Equal(ClusterFixture.SiloCount, silos.Count);
        Assert.True(silos.Sum(s => s.GetProperty("rows").GetInt64()) >= Files * RowsPerFile, status.Stdout);
        Assert.All(silos, silo => Assert.True(silo.GetProperty("rows_per_s").GetDouble() >= 0 && silo.GetProperty("mb_per_s").GetDouble() >= 0, status.Stdout));
    }

    private async Task<IReadOnlyList<PrometheusScrape>> ScrapeAllAsync(HttpClient http)
    {
        var scrapes = new List<PrometheusScrape>();
        for (var silo = 0; silo < ClusterFixture.SiloCount; silo++)
        {
            scrapes.Add(await PrometheusScrape.ReadAsync(http, cluster.PageOf(silo)));
        }

        return scrapes;
    }

    /// <summary>Scrapes until the condition holds (the exporter may serve a cached scrape for a moment), deadline 30 s.</summary>
    private async Task<IReadOnlyList<PrometheusScrape>> WaitForAsync(HttpClient http, IReadOnlyList<PrometheusScrape> before, Func<IReadOnlyList<PrometheusScrape>, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var scrapes = await ScrapeAllAsync(http);
            if (condition(scrapes) || deadline.IsCancellationRequested)
            {
                return scrapes;
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"(\d+)/\1 partitions")]
    private static partial Regex PartitionsDone();
}
