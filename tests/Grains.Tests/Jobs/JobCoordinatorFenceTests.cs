using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Jobs.Coordination;
using static OrleansProc.Grains.Tests.Jobs.CoordinatorHarness;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>The coordinator's epochs, budgets, timeouts and speculative copies, on a manual clock.</summary>
public sealed class JobCoordinatorFenceTests
{
    [Fact]
    public void Classify_ReportOfAnotherEpoch_Stale()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.Job.Epoch = 3;
        h.StartPending();

        Assert.Equal(ReportKind.Stale, h.Coordinator.Classify(Success(0, 1) with { Epoch = 2 }));
        Assert.Equal(ReportKind.Current, h.Coordinator.Classify(Success(0, 1) with { Epoch = 3 }));
        Assert.Equal(ReportDecision.Dropped(ReportKind.Stale), h.Report(Success(1, 1) with { Epoch = 4 }));
        Assert.Equal(PartitionStatus.Running, h.Job.Partitions[1].Status);
    }

    [Fact]
    public void Classify_AttemptStartedByAnEarlierEpoch_CountsAfterATakeover()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));
        h.Job.Epoch = 1;
        h.StartPending();
        h.Job.Epoch = 2; // a new activation took the job over while the attempt ran

        Assert.Equal(ReportKind.Current, h.Report(Success(0, 1) with { Epoch = 1 }).Kind);
        Assert.Equal(PartitionStatus.Done, h.Job.Partitions[0].Status);
    }

    [Fact]
    public void OnStartFailed_EveryStartFails_EndsAtTheBudgetNamingThePartition()
    {
        var h = new CoordinatorHarness(WholeBlobs(2), new JobOptions { MaxStartFailures = 3 });
        JobEnd? end = null;
        for (var tries = 0; end is null && tries < 10; tries++)
        {
            foreach (var start in h.StartPending().Where(s => s.Index == 1))
            {
                end = h.Coordinator.OnStartFailed(start, "no silo");
            }

            h.Time.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(new JobEnd(JobState.Failed, "partition 1 could not be started 3 times (no silo took it): no silo"), end);
    }

    [Fact]
    public void OnReport_StorageErrorsEveryTimeWhileSavesSucceed_EndsAtTheBudget()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { MaxStorageRetries = 4 });
        ReportDecision? decision = null;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(attempt, Assert.Single(h.StartPending()).Attempt);
            decision = h.Report(Failure(0, attempt, "blob b0: storage unreachable (503)", storageUnreachable: true));
            h.Coordinator.OnSaved(); // the state store answers: no outage
            Assert.Null(h.Coordinator.CheckStorageOutage());
        }

        Assert.Equal(new JobEnd(JobState.Failed, "partition 0 failed 4 times with storage errors: blob b0: storage unreachable (503)"), decision!.End);
    }

    [Fact]
    public void OnReport_JobRetryBudgetSpent_EndsTheJob()
    {
        var h = new CoordinatorHarness(WholeBlobs(3), new JobOptions { MaxJobRetries = 2, MaxAttempts = 100 });
        h.StartPending();

        Assert.Null(h.Report(Failure(0, 1)).End);
        Assert.Null(h.Report(Failure(1, 1)).End);
        var end = h.Report(Failure(2, 1, "third")).End;

        Assert.Equal(new JobEnd(JobState.Failed, "the job's partitions were retried 2 times, its limit (MaxJobRetries); last: partition 2: third"), end);
    }

    [Fact]
    public void OnMergeUnreachable_EveryMergeFails_EndsAtTheBudget()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { MaxMergeFailures = 3 });
        h.StartPending();
        h.Report(Success(0, 1));
        Assert.True(h.Coordinator.TryBeginMerge());

        Assert.Null(h.Coordinator.OnMergeUnreachable("503").End);
        Assert.Null(h.Coordinator.OnMergeUnreachable("503").End);
        var (_, end) = h.Coordinator.OnMergeUnreachable("503");

        Assert.Equal(new JobEnd(JobState.Failed, "merging the partial results failed 3 times with storage errors: 503"), end);
    }

    [Fact]
    public void CheckTimeouts_AttemptRunsPastTheJobsTimeout_FailedStoppedAndRetried()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.Job.Spec = new JobSpec { PartitionTimeout = TimeSpan.FromMinutes(2) };
        h.StartPending();
        h.Report(Success(1, 1));
        h.Time.Advance(TimeSpan.FromSeconds(119));
        Assert.Empty(h.Coordinator.CheckTimeouts());
        h.Time.Advance(TimeSpan.FromSeconds(1));

        var failure = Assert.Single(h.Coordinator.CheckTimeouts());

        Assert.Equal(new PartitionAttempt(0, 1), failure.Stop);
        Assert.Null(failure.End);
        Assert.Equal(1, h.Job.Partitions[0].Failures);
        Assert.Equal(PartitionStatus.Pending, h.Job.Partitions[0].Status);
        h.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, Assert.Single(h.StartPending()).Attempt);
    }

    [Fact]
    public void CheckTimeouts_NoTimeoutGiven_TheDefaultApplies()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { DefaultPartitionTimeout = TimeSpan.FromMinutes(30) });
        h.StartPending();
        h.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Empty(h.Coordinator.CheckTimeouts());
        h.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(h.Coordinator.CheckTimeouts());
    }

    [Fact]
    public void StartSpeculative_StragglerCopyFinishesFirst_CopyCountsAndTheOriginalIsStopped()
    {
        var h = Straggling(out var copy);

        var decision = h.Report(Success(3, copy.Attempt, rows: 7));

        Assert.Equal(new PartitionAttempt(3, 1), decision.Stop);
        var partition = h.Job.Partitions[3];
        Assert.Equal(PartitionStatus.Done, partition.Status);
        Assert.Equal(copy.Attempt, partition.Attempt); // the merge reads this attempt's partial and commits its blocks
        Assert.Equal(0, partition.SpeculativeAttempt);
        Assert.Equal(ReportKind.Stale, h.Coordinator.Classify(Success(3, 1))); // the original's late report
        Assert.True(h.Coordinator.TryBeginMerge());
    }

    [Fact]
    public void StartSpeculative_OriginalFinishesFirst_CopyIsStoppedAndNeverCounts()
    {
        var h = Straggling(out var copy);

        var decision = h.Report(Success(3, 1));

        Assert.Equal(new PartitionAttempt(3, copy.Attempt), decision.Stop);
        Assert.Equal(1, h.Job.Partitions[3].Attempt);
        Assert.Equal(ReportKind.Stale, h.Coordinator.Classify(Success(3, copy.Attempt)));
    }

    [Fact]
    public void StartSpeculative_OriginalFails_CopyBecomesTheAttemptWithoutANewStart()
    {
        var h = Straggling(out var copy);

        var decision = h.Report(Failure(3, 1, "disk"));

        Assert.Null(decision.End);
        Assert.Equal(PartitionStatus.Running, h.Job.Partitions[3].Status);
        Assert.Equal(copy.Attempt, h.Job.Partitions[3].Attempt);
        Assert.Empty(h.StartPending());
        Assert.Equal(ReportKind.Current, h.Report(Success(3, copy.Attempt)).Kind);
        Assert.Equal(PartitionStatus.Done, h.Job.Partitions[3].Status);
    }

    [Fact]
    public void StartSpeculative_CopyFails_OriginalGoesOnAndANewAttemptNumberIsNeverReused()
    {
        var h = Straggling(out var copy);

        h.Report(Failure(3, copy.Attempt, "disk"));
        Assert.Equal(0, h.Job.Partitions[3].SpeculativeAttempt);
        Assert.Null(h.Report(Failure(3, 1, "disk again")).End);
        h.Time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(copy.Attempt + 1, Assert.Single(h.StartPending()).Attempt);
    }

    [Fact]
    public void RunningAttempts_WithACopy_ListsBoth()
    {
        var h = Straggling(out var copy);

        Assert.Equal([new PartitionAttempt(3, 1), new PartitionAttempt(3, copy.Attempt)], h.Coordinator.RunningAttempts());
    }

    [Fact]
    public void IsCleanUpDue_EndedUntilCleanedUp_True()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));
        Assert.False(h.Coordinator.IsCleanUpDue);
        h.Coordinator.Cancel();
        Assert.True(h.Coordinator.IsCleanUpDue);
        Assert.True(h.Coordinator.HasWork);

        h.Coordinator.OnCleanedUp();
        h.Coordinator.OnSaved();

        Assert.False(h.Coordinator.IsCleanUpDue);
        Assert.False(h.Coordinator.HasWork);
    }

    /// <summary>Four partitions: three done in 10 s each, the fourth running 20 s and copied (the copy returned).</summary>
    private static CoordinatorHarness Straggling(out PartitionStart copy)
    {
        var h = new CoordinatorHarness(WholeBlobs(4), new JobOptions { SpeculationMinRuntime = TimeSpan.FromSeconds(5) });
        h.StartPending();
        h.Time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
        {
            h.Report(Success(i, 1));
        }

        Assert.Empty(h.Coordinator.StartSpeculative(h.Plan));
        h.Time.Advance(TimeSpan.FromSeconds(10));
        copy = Assert.Single(h.Coordinator.StartSpeculative(h.Plan));
        Assert.True(copy.Speculative);
        Assert.Equal(3, copy.Index);
        Assert.Equal(2, copy.Attempt);
        Assert.Empty(h.Coordinator.StartSpeculative(h.Plan)); // one copy only
        return h;
    }
}
