using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Load;

/// <summary>
/// Load on two real silo processes and Azurite, driven through the client binary: many jobs from several client
/// processes at once, one job over ten thousand small blobs, a GROUP BY with a million distinct keys. Answers are
/// computed here, from the generator's records or from the files the test wrote. The figures measured (times, state
/// size, the silos' peak memory) go to the test output.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed partial class LoadEndToEndTests(LoadClusterFixture cluster, ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int JobsPerClient = 5;

    [Fact]
    public async Task Query_TwentyJobsFromFourClientsAtOnce_AllRightAndClusterStatusAnswersFast()
    {
        const string Dataset = "loadsales";
        const long Rows = 400_000;
        const int Parts = 4;
        const int Seed = 21;
        await FaultJobs.GenerateAsync(cluster, Dataset, Rows, Parts, Seed);
        var jobs = Enumerable.Range(0, Clients * JobsPerClient).Select(j => LoadQuery.Make(Dataset, j)).ToList();
        LoadQuery.ComputeExpected(jobs, Enumerable.Range(0, Parts).SelectMany(p => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(Rows, Parts, p), Seed, p)));
        var idle = await ClusterStatusAsync();

        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var lanes = Enumerable.Range(0, Clients).Select(c => RunClientLaneAsync(jobs.Where((_, j) => j % Clients == c).ToList())).ToList();
        var monitor = MonitorClusterStatusAsync(stop.Token);
        List<(LoadQuery Query, ClientRun Run)>[] finished;
        try
        {
            finished = await Task.WhenAll(lanes);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var jobsTime = clock.Elapsed;
        var samples = await monitor;

        foreach (var (query, run) in finished.SelectMany(lane => lane))
        {
            query.AssertAnswer(run);
        }

        var answered = samples.Select(s => s.Answered.TotalMilliseconds).Order().ToList();
        var walls = samples.Select(s => s.Wall.TotalMilliseconds).Order().ToList();
        output.WriteLine(
            $"20 jobs from 4 clients in {jobsTime.TotalSeconds:0.0} s; `cluster status` idle: cluster answered in {idle.Answered.TotalMilliseconds:0} ms " +
            $"(process {idle.Wall.TotalMilliseconds:0} ms); under load, {samples.Count} runs: cluster answered in median {Median(answered):0} ms, " +
            $"max {answered.Max():0} ms; process median {Median(walls):0} ms, max {walls.Max():0} ms; silo peak memory (VmHWM) " +
            $"{string.Join(", ", cluster.SiloPeakMemoryMiB().Select(m => $"{m:0} MiB"))}");
        Assert.True(samples.Count >= 3, $"only {samples.Count} `cluster status` runs while the jobs ran");
        // The issue's target: the cluster answers `cluster status` within a second while the jobs run. It reads the silos
        // from the silo's membership view, not from the storage the jobs keep busy (measured on the 2-core test machine:
        // median 89 ms, max 210 ms). The whole client process (its start and connect on a saturated machine) gets more slack.
        Assert.True(Median(answered) < 1_000, $"`cluster status` was answered in a median {Median(answered):0} ms while the jobs ran");
        Assert.True(answered.Max() < 3_000, $"`cluster status` took up to {answered.Max():0} ms to be answered while the jobs ran");
        Assert.True(walls.Max() < 30_000, $"a `cluster status` process took {walls.Max():0} ms while the jobs ran");
    }

    [Fact]
    public async Task Query_TenThousandSmallBlobs_RightAnswerAndSmallJobState()
    {
        const string Dataset = "manysmall";
        const int Blobs = 10_000;
        const int RowsPerBlob = 3;
        var folder = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, Dataset)).FullName;
        long count = 0, sum = 0;
        for (var b = 0; b < Blobs; b++)
        {
            var text = new StringBuilder("id,v\n");
            for (var r = 0; r < RowsPerBlob; r++)
            {
                var id = ((long)b * RowsPerBlob) + r;
                var v = ((b * 7) + (r * 13)) % 1_000;
                text.Append(CultureInfo.InvariantCulture, $"{id},{v}\n");
                count++;
                sum += v;
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"f-{b:D5}.csv"), text.ToString());
        }

        var clock = Stopwatch.StartNew();
        var upload = await cluster.RunClientAsync("dataset", "upload", Dataset, folder);
        var uploadTime = clock.Elapsed;
        Assert.True(upload.ExitCode == 0, upload.ToString());

        clock.Restart();
        var submit = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n, SUM(v) AS s, MIN(id) AS lo, MAX(id) AS hi FROM {Dataset}", "--detach");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var jobId = submit.Stdout.Trim();
        var run = await cluster.RunClientAsync("job", "watch", jobId, "--format", "json");
        var jobTime = clock.Elapsed;

        Assert.True(run.ExitCode == 0, run.ToString());
        var row = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal(count, row.GetProperty("n").GetInt64());
        Assert.Equal(sum, row.GetProperty("s").GetInt64());
        Assert.Equal(0, row.GetProperty("lo").GetInt64());
        Assert.Equal(count - 1, row.GetProperty("hi").GetInt64());
        var status = await FaultJobs.StatusAsync(cluster, jobId);
        var stateBytes = await JobStateSizeAsync(jobId);
        var planBytes = (await Container("jobs").GetBlobClient($"{jobId}/plan.json").GetPropertiesAsync()).Value.ContentLength;
        output.WriteLine(
            $"{Blobs} blobs: upload {uploadTime.TotalSeconds:0.0} s, job {jobTime.TotalSeconds:0.0} s over {status.Total} partitions; " +
            $"job state {stateBytes:N0} bytes, plan blob {planBytes:N0} bytes; silo peak memory (VmHWM) " +
            $"{string.Join(", ", cluster.SiloPeakMemoryMiB().Select(m => $"{m:0} MiB"))}");
        // Counters per partition, no slice: a few hundred bytes per partition, nothing per blob.
        Assert.True(stateBytes < 32 * 1024, $"the job's state is {stateBytes:N0} bytes for {status.Total} partitions");
    }

    [Fact]
    public async Task Query_MillionDistinctKeys_CompletesUnderTheLimitAndFailsNamingItOneBelow()
    {
        const string Dataset = "millionkeys";
        const int Keys = 1_000_000;
        const int Files = 4;
        var folder = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, Dataset)).FullName;
        // Every key once, spread over the files; every 1000th key once more, in another file (its groups merge across partitions).
        var twice = new SortedDictionary<long, long>();
        for (long k = 0; k < Keys; k += 1_000)
        {
            twice[k] = 2 * (k % 97);
        }

        for (var f = 0; f < Files; f++)
        {
            var text = new StringBuilder("k,v\n");
            for (long k = f; k < Keys; k += Files)
            {
                text.Append(CultureInfo.InvariantCulture, $"{k},{k % 97}\n");
            }

            foreach (var k in twice.Keys.Where(k => (k + 1) % Files == f))
            {
                text.Append(CultureInfo.InvariantCulture, $"{k},{k % 97}\n");
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"part-{f}.csv"), text.ToString());
        }

        var upload = await cluster.RunClientAsync("dataset", "upload", Dataset, folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        var sql = $"SELECT k, COUNT(*) AS n, SUM(v) AS s FROM {Dataset} GROUP BY k HAVING COUNT(*) > 1 ORDER BY k";
        var before = cluster.SiloPeakMemoryMiB();

        var clock = Stopwatch.StartNew();
        var atLimit = await cluster.RunClientAsync("query", sql, "--format", "json", "--max-groups", $"{Keys}");
        var atLimitTime = clock.Elapsed;
        clock.Restart();
        var overLimit = await cluster.RunClientAsync("query", sql, "--format", "json", "--max-groups", $"{Keys - 1}");
        var overLimitTime = clock.Elapsed;
        clock.Restart();
        var small = await cluster.RunClientAsync("query", sql, "--format", "json", "--max-groups", "1000");
        var smallTime = clock.Elapsed;

        Assert.True(atLimit.ExitCode == 0, atLimit.ToString());
        var rows = atLimit.Json().EnumerateArray().Select(r => (r.GetProperty("k").GetInt64(), r.GetProperty("n").GetInt64(), r.GetProperty("s").GetInt64())).ToList();
        Assert.Equal(twice.Select(p => (p.Key, 2L, p.Value)), rows);
        AssertFailsNamingLimit(overLimit, Keys - 1);
        AssertFailsNamingLimit(small, 1_000);
        output.WriteLine(
            $"{Keys:N0} distinct keys: with --max-groups {Keys} completed in {atLimitTime.TotalSeconds:0.0} s; with {Keys - 1} failed in " +
            $"{overLimitTime.TotalSeconds:0.0} s; with 1000 failed in {smallTime.TotalSeconds:0.0} s; silo peak memory (VmHWM) before " +
            $"{string.Join(", ", before.Select(m => $"{m:0} MiB"))}, after {string.Join(", ", cluster.SiloPeakMemoryMiB().Select(m => $"{m:0} MiB"))}");
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited, "a silo exited"));
    }

    private static void AssertFailsNamingLimit(ClientRun run, int limit)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"more than {limit} groups (--max-groups {limit})", line, StringComparison.Ordinal);
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];

    /// <summary>One client lane: submits its jobs one after the other (detached), then follows each to its result.</summary>
    private async Task<List<(LoadQuery Query, ClientRun Run)>> RunClientLaneAsync(List<LoadQuery> queries)
    {
        var ids = new List<string>();
        foreach (var query in queries)
        {
            var submit = await cluster.RunClientAsync("query", query.Sql, "--detach");
            Assert.True(submit.ExitCode == 0, submit.ToString());
            ids.Add(submit.Stdout.Trim());
        }

        var results = new List<(LoadQuery, ClientRun)>();
        for (var i = 0; i < queries.Count; i++)
        {
            results.Add((queries[i], await cluster.RunClientAsync("job", "watch", ids[i], "--format", "json")));
        }

        return results;
    }

    private async Task<List<StatusSample>> MonitorClusterStatusAsync(CancellationToken stop)
    {
        var samples = new List<StatusSample>();
        while (!stop.IsCancellationRequested)
        {
            var sample = await ClusterStatusAsync();
            if (!stop.IsCancellationRequested)
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    private async Task<StatusSample> ClusterStatusAsync()
    {
        var clock = Stopwatch.StartNew();
        var run = await cluster.RunClientAsync("cluster", "status", "--format", "json");
        var wall = clock.Elapsed;
        Assert.True(run.ExitCode == 0, run.ToString());
        var answered = AnsweredIn().Match(run.Stderr);
        Assert.True(answered.Success, run.ToString());
        return new StatusSample(TimeSpan.FromMilliseconds(double.Parse(answered.Groups[1].Value, CultureInfo.InvariantCulture)), wall);
    }

    /// <summary>The size of the job grain's stored state: the grain state blob whose name holds the job id (no other grain of the job keeps state).</summary>
    private async Task<long> JobStateSizeAsync(string jobId)
    {
        var container = Container("grainstate");
        var sizes = new List<long>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, CancellationToken.None))
        {
            if (blob.Name.Contains(jobId, StringComparison.Ordinal))
            {
                sizes.Add(blob.Properties.ContentLength ?? 0);
            }
        }

        return Assert.Single(sizes);
    }

    private BlobContainerClient Container(string name) => new BlobServiceClient(cluster.ConnectionString).GetBlobContainerClient(name);

    [GeneratedRegex(@"the cluster answered in (\d+) ms")]
    private static partial Regex AnsweredIn();

    private sealed record StatusSample(TimeSpan Answered, TimeSpan Wall);
}
