using System.Diagnostics;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// Faults of a job rather than of a silo, on a cluster of its own: a cancel, a poison blob, a client killed mid-job.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class JobFaultEndToEndTests(FaultClusterFixture cluster, ITestOutputHelper output) : IClassFixture<FaultClusterFixture>, IAsyncLifetime
{
    private const string Dataset = "faultsales";
    private const long Rows = 300_000;
    private const int Parts = 4;
    private const int Seed = 9;
    private const long PartitionSize = 192 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public Task InitializeAsync() => FaultJobs.EnsureDatasetAsync(cluster, Dataset, Rows, Parts, Seed);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task JobCancel_MidJob_EndsCancelledQuicklyAndLeavesNoPartials()
    {
        // Smaller partitions than the other tests: more of them, so the job still runs when the cancel arrives.
        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, FaultJobs.CountSum(Dataset), PartitionSize / 3);
        var before = await FaultJobs.WaitForAsync(cluster, jobId, p => p.Done >= 3 || p.State != "running", Patience, "3 partitions done");
        Assert.True(before.State == "running", $"the job ended before the cancel; make it bigger:\n{before}");

        var clock = Stopwatch.StartNew();
        var cancel = await cluster.RunClientAsync("job", "cancel", jobId);
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        var after = await FaultJobs.WaitForAsync(cluster, jobId, p => p.State != "running", TimeSpan.FromSeconds(30), "cancelled");
        Assert.Equal("cancelled", after.State);
        output.WriteLine($"cancelled at {before.Done}/{before.Total}; state cancelled after {clock.Elapsed.TotalSeconds:F1}s");

        // The coordinator deletes the partials at once and again after 10 s (a partition that was uploading).
        var deadline = Stopwatch.StartNew();
        List<string> partials;
        while ((partials = await FaultJobs.PartialsAsync(cluster, jobId)).Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Yield();
            _ = await FaultJobs.StatusAsync(cluster, jobId);
        }

        Assert.True(partials.Count == 0, $"partials left behind: {string.Join(", ", partials)}");
        output.WriteLine($"no partials after {clock.Elapsed.TotalSeconds:F1}s");

        // No attempt of the job lands a partial later: they were stopped, not just forgotten.
        var settle = await FaultJobs.StatusAsync(cluster, jobId);
        Assert.Equal("cancelled", settle.State);
        Assert.Empty(await FaultJobs.PartialsAsync(cluster, jobId));
        var watch = await cluster.RunClientAsync("job", "watch", jobId);
        Assert.Equal(1, watch.ExitCode);
        Assert.Contains("cancelled", watch.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoisonBlob_FailsEveryAttempt_JobFailsNamingTheBlobAndOtherJobsAreUnaffected()
    {
        var poison = Path.Combine(cluster.WorkDirectory, "tainted");
        Directory.CreateDirectory(poison);
        await File.WriteAllTextAsync(Path.Combine(poison, "a-good.csv"), "k,v\na,1\nb,2\n");
        await File.WriteAllTextAsync(Path.Combine(poison, $"b-{FaultClusterFixture.PoisonMarker}.csv"), "k,v\nc,3\nd,4\n");
        var upload = await cluster.RunClientAsync("dataset", "upload", "tainted", poison);
        Assert.True(upload.ExitCode == 0, upload.ToString());

        var clock = Stopwatch.StartNew();
        var good = cluster.RunClientAsync("query", FaultJobs.CountSum(Dataset), "--format", "json", "--partition-size", $"{PartitionSize}");
        var run = await cluster.RunClientAsync("query", "SELECT SUM(v) AS total FROM tainted");
        output.WriteLine($"poisoned job ended after {clock.Elapsed.TotalSeconds:F1}s: {run.Stderr.Trim()}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"b-{FaultClusterFixture.PoisonMarker}.csv", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("failed 3 times", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("injected fault", run.Stderr, StringComparison.Ordinal);

        var other = await good;
        output.WriteLine($"the other job ended after {clock.Elapsed.TotalSeconds:F1}s");
        FaultJobs.AssertAnswer(other, FaultJobs.Expected(Rows, Parts, Seed));
    }

    [Fact]
    public async Task KillClient_MidJob_JobGoesOnAndWatchReattaches()
    {
        var clock = Stopwatch.StartNew();
        var client = cluster.StartClient("killed-client.log", "query", FaultJobs.CountSum(Dataset), "--format", "json", "--partition-size", $"{PartitionSize}");
        string? jobId = null;
        while (jobId is null && clock.Elapsed < Patience)
        {
            var list = await cluster.RunClientAsync("job", "list", "--format", "json");
            Assert.True(list.ExitCode == 0, list.ToString());
            jobId = list.Json().EnumerateArray()
                .Where(j => j.GetProperty("state").GetString() == "running" && j.GetProperty("description").GetString()!.Contains(Dataset, StringComparison.Ordinal))
                .Select(j => j.GetProperty("id").GetString())
                .FirstOrDefault();
        }

        Assert.NotNull(jobId);
        await FaultJobs.WaitForAsync(cluster, jobId, p => p.Done >= 1 || p.State != "running", Patience, "a partition done");
        client.Kill();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: killed the client of {jobId}");

        var watch = await cluster.RunClientAsync("job", "watch", jobId, "--format", "json");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: job watch ended");
        FaultJobs.AssertAnswer(watch, FaultJobs.Expected(Rows, Parts, Seed));
    }
}
