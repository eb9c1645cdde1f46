using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using OrleansProc.SampleData;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>What the fault tests share: a generated dataset and its expected answer, detached jobs, status polling.</summary>
public static partial class FaultJobs
{
    public static string CountSum(string dataset) => $"SELECT COUNT(*) AS n, SUM(quantity) AS q, SUM(user_id) AS u FROM {dataset}";

    /// <summary>The answer of <see cref="CountSum"/> over `dataset generate --rows rows --parts parts --seed seed`.</summary>
    public static (long Count, long Quantity, long Users) Expected(long rows, int parts, int seed)
    {
        long n = 0, q = 0, u = 0;
        for (var part = 0; part < parts; part++)
        {
            foreach (var record in SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(rows, parts, part), seed, part))
            {
                n++;
                q += record.Quantity;
                u += record.UserId;
            }
        }

        return (n, q, u);
    }

    public static async Task GenerateAsync(ClusterFixture cluster, string dataset, long rows, int parts, int seed)
    {
        var run = await cluster.RunClientAsync("dataset", "generate", dataset, "--rows", $"{rows}", "--parts", $"{parts}", "--seed", $"{seed}");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>Generates the dataset unless the cluster has it already (test classes sharing a fixture share it).</summary>
    public static async Task EnsureDatasetAsync(ClusterFixture cluster, string dataset, long rows, int parts, int seed)
    {
        var show = await cluster.RunClientAsync("dataset", "show", dataset);
        if (show.ExitCode != 0)
        {
            await GenerateAsync(cluster, dataset, rows, parts, seed);
        }
    }

    public static async Task<string> SubmitDetachedAsync(ClusterFixture cluster, string sql, long partitionSize)
    {
        var run = await cluster.RunClientAsync("query", sql, "--detach", "--partition-size", $"{partitionSize}");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout.Trim();
    }

    public static async Task<JobProgress> StatusAsync(ClusterFixture cluster, string jobId)
    {
        var run = await cluster.RunClientAsync("job", "status", jobId);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JobProgress.Parse(run.Stdout);
    }

    /// <summary>Polls `job status` until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task<JobProgress> WaitForAsync(ClusterFixture cluster, string jobId, Func<JobProgress, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        JobProgress? last = null;
        while (clock.Elapsed < timeout)
        {
            last = await StatusAsync(cluster, jobId);
            if (condition(last))
            {
                return last;
            }
        }

        throw new TimeoutException($"job {jobId}: {what} not reached within {timeout}; last status: {last}");
    }

    /// <summary>Asserts the JSON result of <see cref="CountSum"/> equals the expected answer.</summary>
    public static void AssertAnswer(ClientRun run, (long Count, long Quantity, long Users) expected)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        var row = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal(expected.Count, row.GetProperty("n").GetInt64());
        Assert.Equal(expected.Quantity, row.GetProperty("q").GetInt64());
        Assert.Equal(expected.Users, row.GetProperty("u").GetInt64());
    }

    /// <summary>Waits until <paramref name="condition"/> holds over a silo's log (the client may not reach the cluster meanwhile).</summary>
    public static Task WaitForLogAsync(ChildProcess silo, Func<string, bool> condition, TimeSpan timeout, string what) =>
        ChangeSignal.WaitUntilAsync([silo.OutputChanged], () => condition(silo.Output), timeout, $"{what} in {silo.LogPath}");

    /// <summary>The silo that logged the submission of <paramref name="jobId"/>, where its coordinator runs.</summary>
    public static ChildProcess CoordinatorSilo(ClusterFixture cluster, string jobId)
    {
        var host = cluster.Silos.Where(s => !s.HasExited).SingleOrDefault(s => s.Output.Contains($"Job {jobId} submitted", StringComparison.Ordinal));
        Assert.True(host is not null, $"no live silo logged the coordinator of {jobId}");
        return host;
    }

    /// <summary>
    /// Waits until the coordinator's log (at Debug, see <see cref="FaultClusterFixture"/>) says it stored the job's state
    /// with a partition done, or the job ended; returns how many were done of how many. The logs change within
    /// milliseconds of the work; `job status`, a client process, may first see a job of a few seconds after it ended.
    /// </summary>
    public static async Task<(int Done, int Total)> WaitForStoredDoneAsync(ClusterFixture cluster, string jobId, TimeSpan timeout)
    {
        var silos = cluster.Silos.Where(s => !s.HasExited).ToList();
        var saved = new Regex($@"Job {Regex.Escape(jobId)}: state saved \(Running\), ([1-9]\d*) of (\d+) partitions done");
        Match? found = null;
        bool Reached() =>
            (found = silos.Select(s => saved.Match(s.Output)).FirstOrDefault(m => m.Success)) is not null
            || silos.Any(s => s.Output.Contains($"Job {jobId} ended", StringComparison.Ordinal));
        await ChangeSignal.WaitUntilAsync(silos.Select(s => s.OutputChanged).ToList(), Reached, timeout, $"a stored state of {jobId} with a partition done");
        return found is null ? (0, 0) : (int.Parse(found.Groups[1].Value), int.Parse(found.Groups[2].Value));
    }

    /// <summary>The attempts a silo's log says it started ("Job ID partition I attempt A started"), or ended ("... succeeded").</summary>
    public static HashSet<(int Index, int Attempt)> Attempts(string log, string jobId, string what) =>
        Regex.Matches(log, $@"Job {Regex.Escape(jobId)} partition (\d+) attempt (\d+) {what}")
            .Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)))
            .ToHashSet();

    /// <summary>`job watch`, run again as a user would while the cluster fails to answer (silos just died or restarted).</summary>
    public static async Task<ClientRun> WatchUntilFinishedAsync(ClusterFixture cluster, string jobId, TimeSpan patience, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var watch = await cluster.RunClientAsync("job", "watch", jobId, "--format", "json");
            var unreachable = watch.Stderr.Contains("the cluster failed to answer", StringComparison.Ordinal)
                || watch.Stderr.Contains("cannot reach the cluster", StringComparison.Ordinal);
            if (watch.ExitCode == 0 || clock.Elapsed > patience || !unreachable)
            {
                return watch;
            }

            log($"job watch ended early, again: {watch.Stderr.Trim()}");
        }
    }

    public static async Task<List<string>> PartialsAsync(ClusterFixture cluster, string jobId)
    {
        var container = new BlobServiceClient(cluster.ConnectionString).GetBlobContainerClient("jobs");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{jobId}/partials/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The lines of `job status`: state, partitions done/total/running/retried, error.</summary>
    public sealed partial record JobProgress(string State, int Done, int Total, int Running, int Retried, string? Error, string Text)
    {
        public static JobProgress Parse(string text)
        {
            var state = StateLine().Match(text);
            var partitions = PartitionsLine().Match(text);
            var error = ErrorLine().Match(text);
            Assert.True(state.Success && partitions.Success, $"unexpected job status output:\n{text}");
            return new JobProgress(
                state.Groups[1].Value,
                int.Parse(partitions.Groups[1].Value),
                int.Parse(partitions.Groups[2].Value),
                int.Parse(partitions.Groups[3].Value),
                int.Parse(partitions.Groups[4].Value),
                error.Success ? error.Groups[1].Value.Trim() : null,
                text);
        }

        public override string ToString() => Text;

        [GeneratedRegex(@"^state\s+(\S+)", RegexOptions.Multiline)]
        private static partial Regex StateLine();

        [GeneratedRegex(@"^partitions\s+(\d+) of (\d+) done, (\d+) running, (\d+) retried", RegexOptions.Multiline)]
        private static partial Regex PartitionsLine();

        [GeneratedRegex(@"^error\s+(.*)$", RegexOptions.Multiline)]
        private static partial Regex ErrorLine();
    }
}
