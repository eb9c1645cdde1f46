using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Jobs.Coordination;
using static OrleansProc.Grains.Tests.Jobs.CoordinatorHarness;

namespace OrleansProc.Grains.Tests.Jobs;

public sealed class JobCoordinatorTests
{
    [Fact]
    public void StartPending_MorePartitionsThanTheWindow_StartsOnlyTheWindowThenOneAsOneReports()
    {
        var h = new CoordinatorHarness(WholeBlobs(5), new JobOptions { MaxPartitionsInFlight = 2 });

        var first = h.StartPending();

        Assert.Equal([0, 1], first.Select(s => s.Index));
        Assert.All(first, s => Assert.Equal(1, s.Attempt));
        Assert.Equal(0, h.Coordinator.Room);
        Assert.Empty(h.StartPending());

        h.Report(Success(0, 1));

        Assert.Equal([2], h.StartPending().Select(s => s.Index));
        Assert.Equal(PartitionStatus.Done, h.Job.Partitions[0].Status);
    }

    [Fact]
    public void OnReport_PartialOnlyInReport_StoredWithTheDoneRecordUntilTheEnd()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.StartPending();
        byte[] partial = [1, 2, 3];

        h.Report(Success(0, 1) with { InlinePartial = partial, PartialOnlyInReport = true });
        h.Report(Success(1, 1) with { InlinePartial = partial }); // a copy: its partial blob was written

        Assert.Equal(partial, Convert.FromBase64String(h.Job.Partitions[0].Partial!));
        Assert.Null(h.Job.Partitions[1].Partial);
        Assert.True(h.Coordinator.IsDirty); // the next write stores it with the Done it belongs to

        h.Coordinator.Finish(JobState.Completed, null);

        Assert.All(h.Job.Partitions, p => Assert.Null(p.Partial));
    }

    [Fact]
    public void StartPending_WholeBlobPartition_ReadsThePlannedSlices()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));

        var start = Assert.Single(h.StartPending());

        Assert.Same(h.Plan[0], start.Slices);
        Assert.True(h.Coordinator.IsDirty);
    }

    [Fact]
    public void OnReport_Failure_RetriedAfterTheBackoffOnly()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));
        h.StartPending();

        var decision = h.Report(Failure(0, 1));

        var failure = Assert.IsType<AttemptFailure>(decision.Failure);
        Assert.Null(failure.End);
        Assert.Equal(TimeSpan.FromSeconds(0.75), failure.Delay); // 1 s, half fixed, half jitter (0.5)
        Assert.Equal(PartitionStatus.Pending, h.Job.Partitions[0].Status);
        Assert.Equal(1, h.Job.Retries);
        Assert.Empty(h.StartPending());

        h.Time.Advance(TimeSpan.FromSeconds(0.75));

        Assert.Equal(2, Assert.Single(h.StartPending()).Attempt);
    }

    [Fact]
    public void OnReport_RepeatedFailures_BackoffDoublesUpToTheCap()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { MaxAttempts = 100 }, random: () => 1);
        var delays = new List<double>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Single(h.StartPending());
            delays.Add(h.Report(Failure(0, attempt)).Failure!.Delay.TotalSeconds);
        }

        Assert.Equal([1, 2, 4, 8, 15, 15], delays);
    }

    [Fact]
    public void OnReport_FailuresReachMaxAttempts_FailsTheJobNamingTheCountAndLastError()
    {
        var h = new CoordinatorHarness(WholeBlobs(2), new JobOptions { MaxAttempts = 3 });
        ReportDecision? last = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(1));
            h.StartPending();
            last = h.Report(Failure(0, attempt, $"error {attempt}"));
        }

        var end = Assert.IsType<JobEnd>(last!.End);
        Assert.Equal(new JobEnd(JobState.Failed, "partition 0 failed 3 times: error 3"), end);
        Assert.Equal(JobState.Failed, h.Job.State);
        Assert.Equal("partition 0 failed 3 times: error 3", h.Job.Error);
        Assert.Equal(h.Time.GetUtcNow(), h.Job.FinishedAt);
        Assert.Equal(2, h.Job.Retries);
        Assert.False(h.Coordinator.IsActive);
        Assert.Equal([new PartitionAttempt(0, 3), new PartitionAttempt(1, 1)], h.Coordinator.RunningAttempts());
    }

    [Fact]
    public void OnReport_PermanentError_FailsTheJobAtOnceWithTheError()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.StartPending();

        var decision = h.Report(Failure(1, 1, "column 'x' is not in the dataset", permanent: true));

        Assert.Equal(new JobEnd(JobState.Failed, "column 'x' is not in the dataset"), decision.End);
        Assert.Equal(0, h.Job.Retries);
    }

    [Fact]
    public void OnReport_NoErrorText_UnknownError()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));
        h.StartPending();

        var decision = h.Report(Failure(0, 1) with { Error = null });

        Assert.Equal("unknown error", decision.Failure!.Error);
    }

    [Fact]
    public void OnReport_StaleOrDuplicateReports_IgnoredAndChangeNothing()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.StartPending();
        h.Report(Failure(0, 1));
        h.Time.Advance(TimeSpan.FromSeconds(5));
        h.StartPending(); // partition 0, attempt 2
        h.Report(Success(1, 1, rows: 7));

        Assert.Equal(ReportKind.Stale, h.Report(Success(0, 1, rows: 1_000)).Kind); // the failed attempt, late
        Assert.Equal(ReportKind.Stale, h.Report(Success(1, 1, rows: 1_000)).Kind); // a duplicate of a counted one
        Assert.Equal(ReportKind.Stale, h.Report(Failure(1, 1)).Kind);
        Assert.Equal(ReportKind.Ignored, h.Report(Success(5, 1)).Kind);
        Assert.Equal(ReportKind.Ignored, h.Report(Success(-1, 1)).Kind);

        Assert.Equal(PartitionStatus.Running, h.Job.Partitions[0].Status);
        Assert.Equal(0, h.Job.Partitions[0].Rows);
        Assert.Equal(7, h.Job.Partitions[1].Rows);
        Assert.Equal(1, h.Job.Retries);
    }

    [Fact]
    public void OnReport_JobNotRunning_Ignored()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));
        h.StartPending();
        h.Coordinator.Cancel();

        Assert.Equal(ReportKind.Ignored, h.Coordinator.Classify(Success(0, 1)));
        Assert.Equal(PartitionStatus.Running, h.Job.Partitions[0].Status);
    }

    [Fact]
    public void OnReport_WrongQuoteGuess_RunsTheRangeAgainStartingInsideQuotes()
    {
        var h = new CoordinatorHarness(CutBlob(3));
        h.StartPending();
        h.Report(Success(0, 1, rows: 5, quotes: 3)); // odd: range 1 starts inside a quoted field

        // Checked as soon as the leading ranges of the blob have their counts, not only once every range reported.
        var decision = h.Report(Success(1, 1, rows: 6, quotes: 1)); // odd again: range 2 starts outside
        h.Report(Success(2, 1, rows: 7, quotes: 0));

        Assert.Equal([1], decision.QuoteReruns);
        Assert.Null(decision.End);
        Assert.Equal(PartitionStatus.Pending, h.Job.Partitions[1].Status);
        Assert.True(h.Job.Partitions[1].StartsInsideQuotes);
        Assert.Equal(1, h.Job.Retries);
        Assert.False(h.Coordinator.TryBeginMerge());

        var rerun = Assert.Single(h.StartPending());

        Assert.Equal((1, 2), (rerun.Index, rerun.Attempt));
        var slice = Assert.Single(rerun.Slices);
        Assert.True(slice.StartsInsideQuotes);
        Assert.Equal((100L, 200L), (slice.RangeStart, slice.RangeEnd));
        Assert.False(h.Plan[1][0].StartsInsideQuotes); // the plan itself is not changed

        Assert.Empty(h.Report(Success(1, 2, rows: 4, quotes: 1)).QuoteReruns); // the corrected guess holds
        Assert.True(h.Coordinator.TryBeginMerge());
        Assert.Equal(16, h.Job.Partitions.Sum(p => p.Rows));
    }

    [Fact]
    public void OnReport_BadRecordMidBlobUnderAWrongGuess_RunsAgainInsteadOfFailing()
    {
        var h = new CoordinatorHarness(CutBlob(2));
        h.StartPending();

        var suspect = h.Report(Failure(1, 1, "bad record at byte 130", permanent: true, quotes: 2));

        Assert.Null(suspect.End);
        Assert.Null(suspect.Failure);
        Assert.Equal(PartitionStatus.Suspect, h.Job.Partitions[1].Status);

        var decision = h.Report(Success(0, 1, quotes: 1)); // odd: range 1 was scanned under a wrong guess

        Assert.Equal([1], decision.QuoteReruns);
        Assert.Null(decision.End);
        Assert.Null(h.Job.Partitions[1].Error);
    }

    [Fact]
    public void OnReport_BadRecordMidBlobUnderARightGuess_FailsTheJobWithTheError()
    {
        var h = new CoordinatorHarness(CutBlob(2));
        h.StartPending();
        h.Report(Failure(1, 1, "bad record at byte 130", permanent: true, quotes: 2));

        var decision = h.Report(Success(0, 1, quotes: 2));

        Assert.Equal(new JobEnd(JobState.Failed, "bad record at byte 130"), decision.End);
    }

    [Fact]
    public void OnLivenessAnswers_AttemptStopped_LostAndStartedAgainWithoutCountingAFailure()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.StartPending();
        Assert.Empty(h.Coordinator.DueLivenessChecks()); // started just now

        h.Time.Advance(TimeSpan.FromSeconds(5));
        var checks = h.Coordinator.DueLivenessChecks();
        Assert.Equal([new PartitionAttempt(0, 1), new PartitionAttempt(1, 1)], checks);
        Assert.Empty(h.Coordinator.DueLivenessChecks()); // once per interval

        var failure = Assert.Single(h.Coordinator.OnLivenessAnswers([(checks[0], false), (checks[1], true)]));

        Assert.Equal("its silo stopped running it", failure.Error);
        Assert.Null(failure.End);
        Assert.Equal((PartitionStatus.Pending, 1, 0), (h.Job.Partitions[0].Status, h.Job.Partitions[0].LostAttempts, h.Job.Partitions[0].Failures));
        Assert.Equal(PartitionStatus.Running, h.Job.Partitions[1].Status);
    }

    [Fact]
    public void OnLivenessAnswers_UnreachableLessThanTheLimit_KeepsWaitingThenLost()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { LivenessInterval = TimeSpan.FromSeconds(5), UnreachableAfter = TimeSpan.FromSeconds(20) });
        h.StartPending();
        var failures = new List<AttemptFailure>();
        for (var i = 0; i < 4; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(5));
            failures.AddRange(h.Coordinator.OnLivenessAnswers(h.Coordinator.DueLivenessChecks().Select(c => (c, (bool?)null)).ToList()));
        }

        Assert.Empty(failures); // unreachable since 5 s, now 20 s: 15 s

        h.Time.Advance(TimeSpan.FromSeconds(5));
        var lost = Assert.Single(h.Coordinator.OnLivenessAnswers(h.Coordinator.DueLivenessChecks().Select(c => (c, (bool?)null)).ToList()));

        Assert.Equal("its silo stopped answering", lost.Error);
        Assert.Equal(1, h.Job.Partitions[0].LostAttempts);
    }

    [Fact]
    public void OnLivenessAnswers_UnreachableThenAnswers_TheWaitStartsAgain()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { UnreachableAfter = TimeSpan.FromSeconds(10) });
        h.StartPending();
        bool?[] answers = [null, true, null, null];
        foreach (var answer in answers)
        {
            h.Time.Advance(TimeSpan.FromSeconds(5));
            Assert.Empty(h.Coordinator.OnLivenessAnswers(h.Coordinator.DueLivenessChecks().Select(c => (c, answer)).ToList()));
        }

        Assert.Equal(PartitionStatus.Running, h.Job.Partitions[0].Status);
    }

    [Fact]
    public void OnLivenessAnswers_LostMaxLostAttemptsTimes_FailsTheJobSayingSo()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { MaxLostAttempts = 2, MaxAttempts = 1 });
        AttemptFailure? last = null;
        for (var i = 0; i < 2; i++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(1));
            h.StartPending();
            h.Time.Advance(TimeSpan.FromSeconds(5));
            last = Assert.Single(h.Coordinator.OnLivenessAnswers(h.Coordinator.DueLivenessChecks().Select(c => (c, (bool?)false)).ToList()));
        }

        Assert.Equal(new JobEnd(JobState.Failed, "partition 0 was lost 2 times with its silo: its silo stopped running it"), last!.End);
    }

    [Fact]
    public void OnLivenessAnswers_AttemptReportedMeanwhile_AnswerIgnored()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));
        h.StartPending();
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var checks = h.Coordinator.DueLivenessChecks();
        h.Report(Success(0, 1));

        Assert.Empty(h.Coordinator.OnLivenessAnswers([(checks[0], false)]));
        Assert.Equal(PartitionStatus.Done, h.Job.Partitions[0].Status);
    }

    [Fact]
    public void CheckStorageOutage_UnreachableLongerThanTheLimit_FailsTheJobNamingTheLimitAndLastError()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { StorageOutageLimit = TimeSpan.FromMinutes(3), MaxAttempts = 1 });
        h.StartPending();
        h.Report(Failure(0, 1, "connection refused", storageUnreachable: true));
        Assert.Equal(0, h.Job.Partitions[0].Failures);

        h.Time.Advance(TimeSpan.FromSeconds(179));
        Assert.Null(h.Coordinator.CheckStorageOutage());
        h.Time.Advance(TimeSpan.FromSeconds(1));

        var end = Assert.IsType<JobEnd>(h.Coordinator.CheckStorageOutage());

        Assert.Equal(JobState.Failed, end.State);
        Assert.Equal(
            "storage was unreachable for 180 s (since 12:00:00 UTC), longer than the limit of 180 s " +
            "(ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS); last error: connection refused",
            end.Error);
    }

    [Fact]
    public void CheckStorageOutage_ASuccessInBetween_TheOutageEnds()
    {
        var h = new CoordinatorHarness(WholeBlobs(2), new JobOptions { StorageOutageLimit = TimeSpan.FromMinutes(1) });
        h.StartPending();
        h.Report(Failure(0, 1, "refused", storageUnreachable: true));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Report(Success(1, 1));
        h.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(h.Coordinator.CheckStorageOutage());
    }

    [Fact]
    public void CheckStorageOutage_OwnSavesUnreachable_CountAsTheOutage()
    {
        var h = new CoordinatorHarness(WholeBlobs(1), new JobOptions { StorageOutageLimit = TimeSpan.FromSeconds(30) });
        h.Coordinator.OnSaveFailed("No connection could be made", unreachable: true);
        h.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.EndsWith("last error: saving the job's state: No connection could be made", h.Coordinator.CheckStorageOutage()!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_RunningJob_EndsCancelledOnceAndNamesTheAttemptsToStop()
    {
        var h = new CoordinatorHarness(WholeBlobs(3), new JobOptions { MaxPartitionsInFlight = 2 });
        h.StartPending();

        Assert.Equal(new JobEnd(JobState.Cancelled, "cancelled by the user"), h.Coordinator.Cancel());
        Assert.Equal([new PartitionAttempt(0, 1), new PartitionAttempt(1, 1)], h.Coordinator.RunningAttempts());
        Assert.Null(h.Coordinator.Cancel());
        Assert.Empty(h.StartPending());
        Assert.Empty(h.Coordinator.DueLivenessChecks());
        Assert.True(h.Coordinator.HasWork); // its end is still to be stored
        h.Coordinator.OnSaved();
        Assert.True(h.Coordinator.HasWork); // then what it stops and deletes, stored as done
        h.Coordinator.OnCleanedUp();
        h.Coordinator.OnSaved();
        Assert.False(h.Coordinator.HasWork);
    }

    [Fact]
    public void IsSaveDue_DirtyState_AtMostOncePerSaveIntervalAndAfterTheBackoffOfAFailedSave()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.Coordinator.OnSaved();
        h.StartPending();
        Assert.False(h.Coordinator.IsSaveDue);

        h.Time.Advance(JobCoordinator.SaveInterval);
        Assert.True(h.Coordinator.IsSaveDue);

        Assert.Equal(TimeSpan.FromSeconds(0.75), h.Coordinator.OnSaveFailed("server busy", unreachable: false));
        Assert.False(h.Coordinator.IsSaveDue);
        Assert.Null(h.Coordinator.StorageError);
        h.Time.Advance(TimeSpan.FromSeconds(0.75));
        Assert.True(h.Coordinator.IsSaveDue);
        Assert.Equal(TimeSpan.FromSeconds(1.5), h.Coordinator.OnSaveFailed("server busy", unreachable: false));

        h.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, h.Coordinator.OnSaved());
        Assert.False(h.Coordinator.IsDirty);
        Assert.Equal(0, h.Coordinator.OnSaved());
    }

    [Fact]
    public void IsMergeDue_AllDone_MergesAndRetriesAnUnreachableMergeAfterTheBackoff()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.StartPending();
        h.Report(Success(0, 1));
        Assert.False(h.Coordinator.TryBeginMerge());
        h.Report(Success(1, 1));

        Assert.True(h.Coordinator.TryBeginMerge());
        Assert.Equal(JobState.Merging, h.Job.State);
        Assert.True(h.Coordinator.IsMergeDue);

        h.Coordinator.OnMergeUnreachable("connection refused");
        Assert.Equal("merging: connection refused", h.Coordinator.StorageError);
        Assert.False(h.Coordinator.IsMergeDue);
        h.Time.Advance(TimeSpan.FromSeconds(0.75));
        Assert.True(h.Coordinator.IsMergeDue);

        Assert.Equal(new JobEnd(JobState.Completed, null), h.Coordinator.OnMerged());
        Assert.Null(h.Coordinator.CheckStorageOutage());
        Assert.False(h.Coordinator.IsMergeDue);
    }

    [Fact]
    public void OnStartFailed_StartCallFailed_PendingAgainAfterAFirstBackoff()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));
        var start = Assert.Single(h.StartPending());

        Assert.Null(h.Coordinator.OnStartFailed(start, "refused"));

        Assert.Equal(PartitionStatus.Pending, h.Job.Partitions[0].Status);
        Assert.Empty(h.StartPending());
        h.Time.Advance(TimeSpan.FromSeconds(0.75));
        Assert.Equal(2, Assert.Single(h.StartPending()).Attempt);
        Assert.Equal(1, h.Job.Retries);
    }

    [Fact]
    public void OnDirectoryFailed_Failures_RetriedAfterAGrowingBackoff()
    {
        var h = new CoordinatorHarness(WholeBlobs(1));

        Assert.Equal(TimeSpan.FromSeconds(0.75), h.Coordinator.OnDirectoryFailed());
        Assert.True(h.Coordinator.IsDirectoryStale);
        Assert.False(h.Coordinator.IsDirectoryDue);
        h.Time.Advance(TimeSpan.FromSeconds(0.75));
        Assert.True(h.Coordinator.IsDirectoryDue);
        Assert.Equal(TimeSpan.FromSeconds(1.5), h.Coordinator.OnDirectoryFailed());

        h.Coordinator.OnDirectoryRecorded();

        Assert.False(h.Coordinator.IsDirectoryStale);
        Assert.Equal(TimeSpan.FromSeconds(0.75), h.Coordinator.OnDirectoryFailed());
    }
}
