using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs.Coordination;

namespace OrleansProc.Grains.Jobs;

// A job whose dataset changed while it read it, with --snapshot retry: planned again from the start.
public sealed partial class JobGrain
{
    /// <summary>
    /// Plans the job again over its dataset as it is now (new listing, new ETags), stores the new plan under a new
    /// version before the state that refers to it, then stops the old plan's attempts and deletes its partials; the
    /// pump starts the new partitions. A dataset that can no longer be planned (deleted, a column gone) fails the job.
    /// </summary>
    private async Task ReplanAsync(string reason)
    {
        var running = Coordinator.RunningAttempts();
        var next = await planner.PlanAsync(JobId, Job.Spec!, Workers());
        if (next.Rejection is { } rejection)
        {
            await FinishAsync(Coordinator.Finish(JobState.Failed, $"{reason}; planning it again failed: {rejection.Message}"));
            return;
        }

        await planner.SavePlanAsync(JobId, next.Slices, Job.Replans + 1);
        Coordinator.OnReplanned(next.Record!);
        _plan = next.Slices;
        LogReplanned(logger, JobId, Job.Replans, Job.Partitions.Count, reason);
        await TrySaveAsync();
        foreach (var (attempt, failure) in await Task.WhenAll(running.Select(async a => (a, await Partitions.StopAsync(a)))))
        {
            if (failure is not null)
            {
                LogStopFailed(logger, failure, JobId, attempt.Index);
            }
        }

        await CleanUpAsync(() => merger.DeletePartialsAsync(JobId));
    }
}
