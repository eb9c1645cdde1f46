using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Jobs.Coordination;
using OrleansProc.Grains.Storage;
using static OrleansProc.Grains.Tests.Jobs.CoordinatorHarness;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>The coordinator's decisions on a changed input (see <see cref="InputSnapshots"/>), without a cluster.</summary>
public sealed class InputSnapshotsTests
{
    private const string Changed = "dataset d changed while job job read it (blob d/b1)";

    [Fact]
    public void OnReport_InputChangedByDefault_FailsTheJobAtOnceWithTheError()
    {
        var h = new CoordinatorHarness(WholeBlobs(3));
        h.StartPending();
        h.Report(Success(0, 1));

        var decision = h.Report(ChangedReport(1, 1));

        Assert.Null(decision.Replan);
        Assert.Equal(JobState.Failed, decision.End?.State);
        Assert.Equal(Changed, h.Job.Error);
        Assert.Equal(0, h.Job.Retries);
    }

    [Fact]
    public void OnReport_InputChangedWithSnapshotRetry_ReplansThenFailsAfterTheBound()
    {
        var h = new CoordinatorHarness(WholeBlobs(2));
        h.Job.Spec = new JobSpec { Sql = "SELECT COUNT(*) FROM d", Snapshot = SnapshotMode.Retry };
        for (var replan = 0; replan < InputSnapshot.MaxReplans; replan++)
        {
            var started = h.StartPending();
            var decision = h.Report(ChangedReport(0, started[0].Attempt));

            Assert.Equal(Changed, decision.Replan);
            Assert.Null(decision.End);
            h.Coordinator.OnReplanned(Fresh(2));
        }

        var last = h.StartPending();
        var end = h.Report(ChangedReport(0, last[0].Attempt));

        Assert.Null(end.Replan);
        Assert.Equal(JobState.Failed, end.End?.State);
        Assert.Equal(Changed, h.Job.Error);
        Assert.Equal(InputSnapshot.MaxReplans, h.Job.Replans);
    }

    [Fact]
    public void OnReplanned_OldPlansAttempts_AllPendingAndTheirLateReportsStale()
    {
        var h = new CoordinatorHarness(WholeBlobs(3));
        h.Job.Spec = new JobSpec { Sql = "SELECT COUNT(*) FROM d", Snapshot = SnapshotMode.Retry };
        h.StartPending();
        h.Report(Success(0, 1));
        h.Report(ChangedReport(1, 1));

        h.Coordinator.OnReplanned(Fresh(3));

        Assert.All(h.Job.Partitions, p => Assert.Equal(PartitionStatus.Pending, p.Status));
        Assert.Equal(1, h.Job.Replans);
        Assert.Equal(ReportKind.Stale, h.Coordinator.Classify(Success(2, 1))); // an old attempt that still ran
        var restarted = h.StartPending();
        Assert.All(restarted, s => Assert.Equal(2, s.Attempt));
        Assert.Equal(ReportKind.Stale, h.Coordinator.Classify(Success(2, 1)));
        Assert.Equal(ReportKind.Current, h.Coordinator.Classify(Success(2, 2)));
    }

    private static PartitionReport ChangedReport(int index, int attempt) =>
        Failure(index, attempt, Changed, permanent: true) with { InputChanged = true };

    private static JobRecord Fresh(int partitions) => new()
    {
        Dataset = "d",
        State = JobState.Running,
        Partitions = Enumerable.Range(0, partitions).Select(_ => new PartitionRecord()).ToList(),
    };
}
