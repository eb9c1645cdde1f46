using System.Diagnostics;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// Faults of real hosts: Azurite and two silos each in a network namespace of its own (<see cref="NetworkNamespaceClusterFixture"/>).
/// A silo's link cut mid-job (it is declared dead; the job completes exactly), a cut link that comes back (the stale
/// silo's coordinator and reports are fenced; the stored answer stays exact), a frozen silo (SIGSTOP) and a graceful
/// SIGTERM drain mid-job. Each answer is computed from the generator's records; a damaged silo is replaced before the next test.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class RealHostFaultEndToEndTests(NetworkNamespaceClusterFixture cluster, ITestOutputHelper output)
    : IClassFixture<NetworkNamespaceClusterFixture>, IAsyncLifetime
{
    private const string Dataset = "netsales";
    private const long Rows = 1_200_000; // about 96 MB: some 8 s on 2 quiet cores, so the fault lands mid-job
    private const int Parts = 4;
    private const int Seed = 9;
    private const long PartitionSize = 192 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly List<(ChildProcess Silo, NetworkHost Host)> _victims = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task InitializeAsync()
    {
        if (NetworkNamespaceLab.UnavailableReason() is not null)
        {
            return;
        }

        var live = cluster.Silos.Count(s => !s.HasExited);
        for (var i = live; i < ClusterFixture.SiloCount; i++)
        {
            await cluster.StartSiloAsync(cluster.Silos.Count);
        }

        await FaultJobs.EnsureDatasetAsync(cluster, Dataset, Rows, Parts, Seed);
    }

    /// <summary>Puts every damaged silo's link back, thaws it and ends it: the next test starts a fresh one in its place.</summary>
    public Task DisposeAsync()
    {
        foreach (var (silo, host) in _victims)
        {
            NetworkNamespaceLab.RestoreLink(host);
            if (!silo.HasExited)
            {
                silo.Signal("CONT");
            }

            silo.Kill(); // the fixture disposes it
        }

        return Task.CompletedTask;
    }

    [NetworkNamespaceFact]
    public async Task LinkCut_WorkerSilo_DeclaredDeadAndJobCompletesExactly()
    {
        var (jobId, _, worker) = await StartJobAsync();
        NetworkNamespaceLab.CutLink(Damage(worker));
        Log("cut the link of the silo that runs partitions but not the coordinator");

        await AssertCompletesExactlyAsync(jobId);
        Assert.False(worker.HasExited, "the cut silo exited: the test meant to cut its link, not to stop it");
    }

    [NetworkNamespaceFact]
    public async Task LinkRestored_CoordinatorSilo_StaleSiloFencedAndAnswerStaysExact()
    {
        var (jobId, coordinator, _) = await StartJobAsync();
        var host = Damage(coordinator);
        NetworkNamespaceLab.CutLink(host);
        Log("cut the link of the coordinator's silo");

        await AssertCompletesExactlyAsync(jobId);
        var survivor = cluster.Silos.Single(s => !s.HasExited && s != coordinator);
        Assert.Contains($"Job {jobId}: this activation took the job over", survivor.Output, StringComparison.Ordinal);

        NetworkNamespaceLab.RestoreLink(host);
        Log("restored the link");
        var stale = await WaitForStaleSiloAsync(coordinator, jobId);
        Log($"the stale silo: {stale}");

        var again = await FaultJobs.WatchUntilFinishedAsync(cluster, jobId, Patience, output.WriteLine);
        FaultJobs.AssertAnswer(again, FaultJobs.Expected(Rows, Parts, Seed));
        var status = await FaultJobs.StatusAsync(cluster, jobId);
        Assert.Equal("completed", status.State);
    }

    [NetworkNamespaceFact]
    public async Task Freeze_WorkerSilo_DeclaredDeadAndJobCompletesExactly()
    {
        var (jobId, _, worker) = await StartJobAsync();
        Damage(worker);
        worker.Signal("STOP");
        Log("froze (SIGSTOP) the silo that runs partitions but not the coordinator");

        await AssertCompletesExactlyAsync(jobId);
    }

    [NetworkNamespaceFact]
    public async Task Sigterm_WorkerSilo_DrainsAndJobCompletesExactly()
    {
        var (jobId, _, worker) = await StartJobAsync();
        Damage(worker);
        worker.Signal("TERM");
        Log("sent SIGTERM to the silo that runs partitions but not the coordinator");

        await AssertCompletesExactlyAsync(jobId, retriedAtLeastOnce: false);
        await FaultJobs.WaitForLogAsync(worker, _ => worker.HasExited, Patience, "the SIGTERM'd silo's exit");
        Assert.True(worker.ExitCode == 0, $"the SIGTERM'd silo exited with {worker.ExitCode}, not 0 (a graceful stop); log {worker.LogPath}");
    }

    /// <summary>Submits the job and waits until 3 partitions are done; returns it with its coordinator's silo and the other one.</summary>
    private async Task<(string JobId, ChildProcess Coordinator, ChildProcess Worker)> StartJobAsync()
    {
        var jobId = await FaultJobs.SubmitDetachedAsync(cluster, FaultJobs.CountSum(Dataset), PartitionSize);
        var before = await FaultJobs.WaitForAsync(cluster, jobId, p => p.Done >= 3 || p.State != "running", Patience, "3 partitions done");
        Assert.True(before.State == "running", $"the job ended before the fault; make it bigger:\n{before}");
        var coordinator = FaultJobs.CoordinatorSilo(cluster, jobId);
        var worker = cluster.Silos.First(s => !s.HasExited && s != coordinator);
        Log($"job {jobId} at {before.Done}/{before.Total} done");
        return (jobId, coordinator, worker);
    }

    private NetworkHost Damage(ChildProcess silo)
    {
        var host = cluster.HostOf(silo);
        _victims.Add((silo, host));
        return host;
    }

    private async Task AssertCompletesExactlyAsync(string jobId, bool retriedAtLeastOnce = true)
    {
        var watch = await FaultJobs.WatchUntilFinishedAsync(cluster, jobId, Patience, output.WriteLine);
        Log("job finished");
        FaultJobs.AssertAnswer(watch, FaultJobs.Expected(Rows, Parts, Seed));
        var after = await FaultJobs.StatusAsync(cluster, jobId);
        Assert.Equal(after.Total, after.Done);
        if (retriedAtLeastOnce)
        {
            Assert.True(after.Retried >= 1, $"no partition was re-run, so the fault hit nothing:\n{after}");
        }

        Log($"{after.Retried} partitions retried");
    }

    /// <summary>
    /// Waits until the silo whose link came back stops acting for the job: it learns it was declared dead and ends, or its
    /// coordinator finds the job taken over and stops (fenced).
    /// </summary>
    private static async Task<string> WaitForStaleSiloAsync(ChildProcess stale, string jobId)
    {
        string? Verdict() => stale.HasExited
            ? $"exited with {stale.ExitCode}"
            : stale.Output.Contains($"Job {jobId}: another activation took the job over", StringComparison.Ordinal) ? "its coordinator was fenced" : null;

        await FaultJobs.WaitForLogAsync(stale, _ => Verdict() is not null, Patience, "the stale silo's end or fence");
        return Verdict()!;
    }

    private void Log(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds:F1}s: {what}");
}
