using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs.Coordination;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs;

// A job whose dataset changed while it read it, with --snapshot retry: planned again from the start.
public sealed partial class JobGrain
{
    // A re-plan waiting for the dataset to be registered again (its reason), since when, and when to look again.
    private string? _replanReason;
    private DateTimeOffset _replanSince;
    private DateTimeOffset _replanAt;

    /// <summary>A re-plan waits for the dataset to settle and its time to look again has come.</summary>
    private bool IsReplanDue => _replanReason is not null && Job.State == JobState.Running && time.GetUtcNow() >= _replanAt;

    /// <summary>
    /// Plans the job again over its dataset as it is now (new listing, new ETags), stores the new plan under a new
    /// version before the state that refers to it, then stops the old plan's attempts and deletes its partials; the
    /// pump starts the new partitions. A dataset in the middle of being replaced (no manifest, or its blobs not those it
    /// was registered with) is looked at again every <see cref="InputSnapshot.SettleInterval"/> for up to
    /// <see cref="InputSnapshot.MaxSettleWait"/>; meanwhile no partition starts. A dataset that does not settle (deleted)
    /// or cannot be planned (a column gone) fails the job.
    /// </summary>
    private async Task ReplanAsync(string reason)
    {
        if (_replanReason is null)
        {
            _replanReason = reason;
            _replanSince = time.GetUtcNow();
        }

        var running = Coordinator.RunningAttempts();
        var next = await planner.PlanAsync(JobId, Job.Spec!, Workers(), replan: true);
        if (next.Unsettled is { } unsettled)
        {
            var waited = time.GetUtcNow() - _replanSince;
            if (waited < InputSnapshot.MaxSettleWait)
            {
                _replanAt = time.GetUtcNow() + InputSnapshot.SettleInterval;
                LogReplanWaiting(logger, JobId, unsettled);
                return;
            }

            _replanReason = null;
            await FinishAsync(Coordinator.Finish(JobState.Failed, $"{reason}; planning it again failed: {unsettled} for {waited.TotalSeconds:F0} s"));
            return;
        }

        _replanReason = null;
        if (next.Rejection is { } rejection)
        {
            await FinishAsync(Coordinator.Finish(JobState.Failed, $"{reason}; planning it again failed: {rejection.Message}"));
            return;
        }

        await planner.SavePlanAsync(JobId, next.Record!, next.Slices, Job.Replans + 1);
        Coordinator.OnReplanned(next.Record!);
        _plan = next.Slices;
        _inlinePartials.Clear();
        LogReplanned(logger, JobId, Job.Replans, Job.Partitions.Count, reason);
        if (!await TrySaveAsync() && _fenced)
        {
            return; // another activation is in charge: it stops and deletes what it decides
        }
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
