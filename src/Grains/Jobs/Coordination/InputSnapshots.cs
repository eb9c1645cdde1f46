using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>
/// What the coordinator does when an attempt finds its input changed since the job was planned (see
/// <see cref="InputSnapshot"/>): the job fails at once with the attempt's error, or, with <c>--snapshot retry</c>, is
/// planned again from the start, at most <see cref="InputSnapshot.MaxReplans"/> times. Never a retry of the partition
/// alone: its partial would come from another version than the others'.
/// </summary>
public static class InputSnapshots
{
    /// <summary>The decision for a current attempt's report that its input changed.</summary>
    public static ReportDecision OnChanged(JobCoordinator coordinator, PartitionReport report)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(report);
        var job = coordinator.Job;
        var error = report.Error ?? InputSnapshot.ChangedError(job.Dataset, report.JobId, "?");
        return job.Spec?.Snapshot == SnapshotMode.Retry && job.Replans < InputSnapshot.MaxReplans
            ? new ReportDecision(ReportKind.Current, null, [], null) { Replan = error }
            : new ReportDecision(ReportKind.Current, null, [], coordinator.Finish(JobState.Failed, error));
    }
}
