using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// Azurite (on disk) stopped mid-job and started again on the same ports, on a cluster of its own: a short outage is
/// waited out and the job completes with the exact answer; one past the limit fails the job saying storage was
/// unreachable and for how long. The silos live through both.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed partial class StorageOutageEndToEndTests(StorageOutageClusterFixture cluster, ITestOutputHelper output) : IClassFixture<StorageOutageClusterFixture>, IAsyncLifetime
{
    private const string Dataset = "outagesales";
    private const long Rows = 300_000;
    private const int Parts = 4;
    private const int Seed = 17;
    private const long PartitionSize = 64 * 1024;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    public async Task InitializeAsync()
    {
        if (!cluster.Storage.IsRunning)
        {
            await cluster.Storage.RestartAsync();
        }

        await FaultJobs.EnsureDatasetAsync(cluster, Dataset, Rows, Parts, Seed);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StorageOutage_TenSecondsMidJob_JobWaitsAndCompletesWithExactAnswer()
    {
        var clock = Stopwatch.StartNew();
        var expected = FaultJobs.Expected(Rows, Parts, Seed);
        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, FaultJobs.CountSum(Dataset), PartitionSize);
        var before = await FaultJobs.WaitForAsync(cluster, jobId, p => p.Done >= 3 || p.State != "running", Patience, "3 partitions done");
        Assert.True(before.State == "running", $"the job ended before the outage; make it bigger:\n{before}");
        var host = FaultJobs.CoordinatorSilo(cluster, jobId);

        await cluster.Storage.StopAsync();
        var outage = Stopwatch.StartNew();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: storage stopped at {before.Done}/{before.Total} done");

        // The client cannot reach the cluster without storage (the gateways are listed there): watch the coordinator's
        // log until the outage has lasted long enough and the job has run into it, its own state write included.
        await FaultJobs.WaitForLogAsync(
            host,
            log => outage.Elapsed >= Outage
                && log.Contains($"Job {jobId} partition", StringComparison.Ordinal) && log.Contains("storage unreachable", StringComparison.Ordinal)
                && log.Contains($"Job {jobId}: saving its state failed", StringComparison.Ordinal),
            Patience,
            $"job {jobId} running into the outage");
        Assert.DoesNotContain($"Job {jobId} ended", host.Output, StringComparison.Ordinal);
        await cluster.Storage.RestartAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: storage back after {outage.Elapsed.TotalSeconds:F1}s");

        var watch = await FaultJobs.WatchUntilFinishedAsync(cluster, jobId, Patience, output.WriteLine);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: job finished");
        FaultJobs.AssertAnswer(watch, expected);

        var after = await FaultJobs.StatusAsync(cluster, jobId);
        Assert.Equal(after.Total, after.Done);
        output.WriteLine($"{after.Retried} partitions retried");

        // The coordinator's state writes that failed were retried, not lost; no silo died.
        Assert.Contains($"Job {jobId}: state saved again", host.Output, StringComparison.Ordinal);
        AssertSilosAlive();
        var status = await cluster.RunClientAsync("cluster", "status", "--format", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(
            ClusterFixture.SiloCount,
            status.Json().EnumerateArray().Count(s => string.Equals(s.GetProperty("status").GetString(), "active", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task StorageOutage_PastTheLimit_JobFailsSayingStorageWasUnreachableAndForHowLong()
    {
        var clock = Stopwatch.StartNew();
        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, FaultJobs.CountSum(Dataset), PartitionSize);
        var before = await FaultJobs.WaitForAsync(cluster, jobId, p => p.Done >= 1 || p.State != "running", Patience, "a partition done");
        Assert.True(before.State == "running", $"the job ended before the outage; make it bigger:\n{before}");
        var host = FaultJobs.CoordinatorSilo(cluster, jobId);

        await cluster.Storage.StopAsync();
        var outage = Stopwatch.StartNew();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: storage stopped at {before.Done}/{before.Total} done");
        await FaultJobs.WaitForLogAsync(host, log => log.Contains($"Job {jobId} ended", StringComparison.Ordinal), Patience, $"the end of job {jobId}");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: job ended {outage.Elapsed.TotalSeconds:F1}s into the outage");
        Assert.True(
            outage.Elapsed >= TimeSpan.FromSeconds(StorageOutageClusterFixture.OutageLimitSeconds),
            $"the job ended after {outage.Elapsed.TotalSeconds:F1}s, before the limit of {StorageOutageClusterFixture.OutageLimitSeconds}s");
        await cluster.Storage.RestartAsync();

        // The coordinator decided the end during the outage; it shows once the end is stored (fenced: stored, then shown).
        var status = await FaultJobs.WaitForAsync(cluster, jobId, p => p.State != "running", Patience, "the stored end");
        output.WriteLine(status.Error ?? "(no error)");
        Assert.Equal("failed", status.State);
        var error = UnreachableError().Match(status.Error ?? string.Empty);
        Assert.True(error.Success, $"the error does not say storage was unreachable and for how long: {status.Error}");
        var seconds = int.Parse(error.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, StorageOutageClusterFixture.OutageLimitSeconds, (int)outage.Elapsed.TotalSeconds + 1);
        AssertSilosAlive();

        var watch = await cluster.RunClientAsync("job", "watch", jobId);
        Assert.Equal(1, watch.ExitCode);
        Assert.Contains("storage was unreachable for", watch.Stderr, StringComparison.Ordinal);
    }

    private void AssertSilosAlive()
    {
        foreach (var silo in cluster.Silos)
        {
            Assert.False(silo.HasExited, $"a silo exited during the outage; log {silo.LogPath}");
        }
    }

    [GeneratedRegex(@"storage was unreachable for (\d+) s")]
    private static partial Regex UnreachableError();
}
