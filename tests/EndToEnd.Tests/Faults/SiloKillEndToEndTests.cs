using System.Diagnostics;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// `kill -9` of a silo mid-job, on a cluster of its own: the job completes with exactly the answer of the same job
/// without the fault, computed from the generator's records. A killed silo is replaced before the next test.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SiloKillEndToEndTests(FaultClusterFixture cluster, ITestOutputHelper output) : IClassFixture<FaultClusterFixture>, IAsyncLifetime
{
    private const string Dataset = "killsales";
    private const long Rows = 1_200_000; // about 96 MB: long enough (some 8 s on 2 quiet cores) that the kill lands mid-job
    private const int Parts = 4;
    private const int Seed = 5;
    private const long PartitionSize = 192 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public async Task InitializeAsync()
    {
        var live = cluster.Silos.Count(s => !s.HasExited);
        for (var i = live; i < ClusterFixture.SiloCount; i++)
        {
            await cluster.StartSiloAsync(cluster.Silos.Count);
        }

        await FaultJobs.EnsureDatasetAsync(cluster, Dataset, Rows, Parts, Seed);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public Task KillSilo_RunningPartitionsNotCoordinator_JobCompletesWithExactAnswer() => KillMidJobAsync(coordinator: false);

    [Fact]
    public Task KillSilo_HostingCoordinator_JobResumesAndCompletesWithExactAnswer() => KillMidJobAsync(coordinator: true);

    private async Task KillMidJobAsync(bool coordinator)
    {
        var clock = Stopwatch.StartNew();
        var expected = FaultJobs.Expected(Rows, Parts, Seed);
        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, FaultJobs.CountSum(Dataset), PartitionSize);
        var before = await FaultJobs.WaitForAsync(cluster, jobId, p => p.Done >= 3 || p.State != "running", Patience, "3 partitions done");
        Assert.True(before.State == "running", $"the job ended before the kill; make it bigger:\n{before}");

        var live = cluster.Silos.Where(s => !s.HasExited).ToList();
        var host = live.SingleOrDefault(s => s.Output.Contains($"Job {jobId} submitted", StringComparison.Ordinal));
        Assert.True(host is not null, $"no silo logged the coordinator of {jobId}");
        var victim = coordinator ? host : live.First(s => s != host);
        victim.Kill();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: killed {(coordinator ? "the coordinator's" : "a worker")} silo at {before.Done}/{before.Total} done");

        var watch = await WatchUntilFinishedAsync(jobId);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: job finished");
        FaultJobs.AssertAnswer(watch, expected);
        var after = await FaultJobs.StatusAsync(cluster, jobId);
        Assert.Equal(after.Total, after.Done);
        Assert.True(after.Retried >= 1, $"no partition was re-run, so the kill hit nothing:\n{after}");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: {after.Retried} partitions retried");
    }

    /// <summary>`job watch`, run again as a user would if the cluster was briefly unreachable after the kill.</summary>
    private async Task<ClientRun> WatchUntilFinishedAsync(string jobId)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var watch = await cluster.RunClientAsync("job", "watch", jobId, "--format", "json");
            if (watch.ExitCode == 0 || clock.Elapsed > Patience || !watch.Stderr.Contains("the cluster failed to answer", StringComparison.Ordinal))
            {
                return watch;
            }

            output.WriteLine($"job watch ended early, again: {watch.Stderr.Trim()}");
        }
    }
}
