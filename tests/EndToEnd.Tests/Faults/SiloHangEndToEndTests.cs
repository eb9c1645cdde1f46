using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// A worker silo stopped with SIGSTOP mid-job (alive, a member of the cluster, but not answering) on a cluster whose
/// failure detection is slow: the coordinator counts its partitions lost after 20 s without an answer and runs them
/// elsewhere; when the silo goes on (SIGCONT), the presumed-dead attempts finish late and their output never reaches
/// the transform's output dataset.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed partial class SiloHangEndToEndTests(SlowDetectionClusterFixture cluster, ITestOutputHelper output) : IClassFixture<SlowDetectionClusterFixture>, IAsyncLifetime
{
    private const string Dataset = "hangsales";
    private const long Rows = 300_000;
    private const int Parts = 4;
    private const int Seed = 13;
    private const long PartitionSize = 96 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    public async Task InitializeAsync()
    {
        var show = await cluster.RunClientAsync("dataset", "show", Dataset);
        if (show.ExitCode != 0)
        {
            await FaultJobs.GenerateAsync(cluster, Dataset, Rows, Parts, Seed);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SiloHang_WorkerUnresponsivePast20Seconds_PartitionsRunElsewhereAndLateAttemptsAreNotCounted()
    {
        var clock = Stopwatch.StartNew();
        var expected = FaultJobs.Expected(Rows, Parts, Seed);
        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, $"SELECT user_id, quantity, country FROM {Dataset}", PartitionSize);
        var before = await FaultJobs.WaitForAsync(cluster, jobId, p => p.Done >= 3 || p.State != "running", Patience, "3 partitions done");
        Assert.True(before.State == "running", $"the job ended before the hang; make it bigger:\n{before}");
        var host = FaultJobs.CoordinatorSilo(cluster, jobId);
        var victim = cluster.Silos.First(s => !s.HasExited && s != host);

        victim.Signal("STOP");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: stopped a worker silo (SIGSTOP) at {before.Done}/{before.Total} done");
        try
        {
            // The client may not get through the stopped silo's gateway: follow the coordinator's log.
            await FaultJobs.WaitForLogAsync(host, log => log.Contains($"Job {jobId} ended", StringComparison.Ordinal), Patience, $"the end of job {jobId}");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: job ended while the silo was stopped");
        }
        finally
        {
            victim.Signal("CONT");
        }

        var lost = LostLine().Matches(host.Output)
            .Where(m => m.Groups[1].Value == jobId)
            .Select(m => (Index: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), Attempt: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))
            .ToHashSet();
        Assert.True(lost.Count >= 1, $"no partition of {jobId} was counted lost after 20 s without an answer; log {host.LogPath}");
        Assert.Contains($"Job {jobId} ended Completed", host.Output, StringComparison.Ordinal);

        // The presumed-dead attempts go on once the silo does: wait until each has finished (and staged its output).
        await FaultJobs.WaitForLogAsync(
            victim,
            log => lost.IsSubsetOf(FaultJobs.Attempts(log, jobId, "done")),
            Patience,
            $"the late attempts {string.Join(", ", lost)} of {jobId} finishing");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: {lost.Count} attempts counted lost finished late: {string.Join(", ", lost)}");

        // The output dataset holds every row exactly once.
        var sum = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n, SUM(quantity) AS q, SUM(user_id) AS u FROM \"{jobId}-out\"", "--format", "json");
        FaultJobs.AssertAnswer(sum, expected);

        // Each output blob is the blocks of one attempt; a late attempt's blocks stayed uncommitted.
        var container = new BlobServiceClient(cluster.ConnectionString).GetBlobContainerClient("datasets");
        foreach (var (index, attempt) in lost)
        {
            var blocks = (await container.GetBlockBlobClient($"{jobId}-out/part-{index:D6}.csv").GetBlockListAsync(BlockListTypes.All)).Value;
            var committed = blocks.CommittedBlocks.Select(b => AttemptOf(b.Name)).Distinct().ToList();
            var staged = blocks.UncommittedBlocks.Select(b => AttemptOf(b.Name)).Distinct().ToList();
            Assert.True(committed.Count == 1 && committed[0] != attempt, $"partition {index}: committed blocks of attempts {string.Join(",", committed)}, the late one was {attempt}");
            Assert.Contains(attempt, staged);
        }
    }

    [GeneratedRegex(@"Job (\S+) partition (\d+) attempt (\d+) failed: its silo stopped answering")]
    private static partial Regex LostLine();

    private static int AttemptOf(string blockId) =>
        int.Parse(System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(blockId)).AsSpan(1, 6), CultureInfo.InvariantCulture);
}
