using System.Diagnostics;
using System.Text.RegularExpressions;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// Every silo killed mid-job, then new ones started, on a cluster of its own: the job resumes from its stored state
/// and completes with exactly the answer of the same job without the fault; the partitions it had stored as done are
/// not run again.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed partial class ClusterRestartEndToEndTests(FaultClusterFixture cluster, ITestOutputHelper output) : IClassFixture<FaultClusterFixture>, IAsyncLifetime
{
    private const string Dataset = "restartsales";
    private const long Rows = 300_000;
    private const int Parts = 4;
    private const int Seed = 11;
    private const long PartitionSize = 128 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    public Task InitializeAsync() => FaultJobs.EnsureDatasetAsync(cluster, Dataset, Rows, Parts, Seed);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KillAllSilos_MidJobThenStartNewOnes_JobResumesWithoutRerunningDonePartitions()
    {
        var clock = Stopwatch.StartNew();
        var expected = FaultJobs.Expected(Rows, Parts, Seed);
        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, FaultJobs.CountSum(Dataset), PartitionSize);
        // The kill follows the coordinator's log, not `job status`: this job lasts about 3 s, about as long as a client process.
        var (savedDone, partitions) = await FaultJobs.WaitForStoredDoneAsync(cluster, jobId, Patience);
        var old = cluster.Silos.Where(s => !s.HasExited).ToList();
        foreach (var silo in old)
        {
            silo.Kill();
        }

        var ended = old.FirstOrDefault(s => s.Output.Contains($"Job {jobId} ended", StringComparison.Ordinal));
        Assert.True(ended is null && savedDone > 0, $"the job ended before the kill; make it bigger (see {ended?.LogPath})");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: killed all {old.Count} silos after a state with {savedDone} of {partitions} partitions done was stored");
        for (var i = 0; i < ClusterFixture.SiloCount; i++)
        {
            await cluster.StartSiloAsync(cluster.Silos.Count);
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: started {ClusterFixture.SiloCount} new silos");
        var watch = await FaultJobs.WatchUntilFinishedAsync(cluster, jobId, Patience, output.WriteLine);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: job finished");
        FaultJobs.AssertAnswer(watch, expected);

        // What the resumed coordinator read from its stored state, and which partitions the new silos ran.
        var fresh = cluster.Silos.Where(s => !old.Contains(s)).Select(s => s.Output).ToList();
        var resumed = fresh.Select(log => ResumedLine().Match(log)).Where(m => m.Success && m.Groups[1].Value == jobId).ToList();
        Assert.True(resumed.Count >= 1, $"no new silo logged that job {jobId} resumed from its stored state");
        var storedDone = int.Parse(resumed[0].Groups[2].Value);
        var total = int.Parse(resumed[0].Groups[3].Value);
        var rerun = fresh.SelectMany(log => FaultJobs.Attempts(log, jobId, "started")).Select(a => a.Index).ToHashSet();
        output.WriteLine($"stored state: {storedDone}/{total} done; the new silos ran {rerun.Count} partitions");

        Assert.True(storedDone >= savedDone, $"the stored state had fewer partitions done than the coordinator logged saving ({savedDone}): {resumed[0].Value}");
        Assert.Equal(partitions, total);

        // Every partition not stored as done had to run on the new silos (the old ones are dead). A stored-done partition
        // may run again only when the chain of quote states, completed by the new silos, shows that its start state was
        // guessed wrong (the data has quoted newlines); the new coordinator logs each of those. Beside those, running
        // exactly as many distinct partitions as were not done means no stored-done one ran again.
        var requeued = fresh.SelectMany(log => WrongGuessLine().Matches(log)).Where(m => m.Groups[1].Value == jobId).Select(m => int.Parse(m.Groups[2].Value)).ToHashSet();
        output.WriteLine($"started again for a wrong quote-state guess: {requeued.Count}");
        Assert.InRange(rerun.Count, total - storedDone, total - storedDone + requeued.Count);
        Assert.True(rerun.Except(requeued).Count() <= total - storedDone, $"a partition stored as done ran again without a wrong quote-state guess: {rerun.Count} ran, {total - storedDone} not done, {requeued.Count} requeued");
        var after = await FaultJobs.StatusAsync(cluster, jobId);
        Assert.Equal(after.Total, after.Done);
    }

    [GeneratedRegex(@"Job (\S+) resumed from its stored state \(Running\): (\d+) of (\d+) partitions done")]
    private static partial Regex ResumedLine();

    [GeneratedRegex(@"Job (\S+) partition (\d+): wrong quote-state guess, running it again")]
    private static partial Regex WrongGuessLine();
}
