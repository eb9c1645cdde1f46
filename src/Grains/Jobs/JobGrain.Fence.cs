using Microsoft.Extensions.Logging;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Storage;
using static OrleansProc.Grains.Jobs.CallFailures;

namespace OrleansProc.Grains.Jobs;

// The fence around a coordinator activation: it takes the job over by storing a new epoch before it acts, stops when a
// conditional write shows that another activation is in charge, and shows a job's end only once it is stored.
public sealed partial class JobGrain
{
    private readonly string _owner = Guid.NewGuid().ToString("N");

    // Another activation is in charge: this one writes, starts and deletes nothing more.
    private bool _fenced;

    // This activation resumed a stored job and has not stored its epoch yet.
    private bool _takingOver;

    // The end's side effects are under way (one at a time).
    private bool _ending;

    // The job's state as last stored (or read): what clients see of an end.
    private JobState _storedState;

    private static bool IsFinal(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Cancelled;

    /// <summary>
    /// Takes the stored job over: one more epoch, this activation as owner, stored conditionally. Until that write
    /// lands this activation only answers reads; a conflict means another activation took it first, and this one stops.
    /// </summary>
    private async Task<bool> TryTakeOverAsync()
    {
        if (!Coordinator.CanSave)
        {
            return false;
        }

        if (!string.Equals(Job.Owner, _owner, StringComparison.Ordinal))
        {
            Job.Epoch++;
            Job.Owner = _owner;
        }

        if (!await TrySaveAsync())
        {
            return false;
        }

        _takingOver = false;
        LogTookOver(logger, JobId, Job.Epoch, Job.State);
        return true;
    }

    /// <summary>Another activation is in charge of the job: this one stops at once and goes away.</summary>
    private void Fence()
    {
        _fenced = true;
        LogFenced(logger, JobId, Job.Epoch);
        _pump?.Dispose();
        _pump = null;
        _finished.TrySetResult(); // a waiting client asks again, and meets the activation in charge
        this.DeactivateOnIdle();
    }

    /// <summary>A status as stored: an end decided but not stored yet (or never, when fenced) shows as still running.</summary>
    private JobStatus StoredView(JobStatus status) =>
        IsFinal(status.State) && !IsFinal(_storedState) ? status with { State = JobState.Running, Error = null, FinishedAt = null } : status;

    /// <summary>
    /// The slices of every partition, from the state or read from the plan blob once per activation; when it cannot be read the job
    /// fails (a missing plan at once, storage errors after a bounded number) and null is returned.
    /// </summary>
    private async Task<IReadOnlyList<IReadOnlyList<SliceSpec>>?> RunnablePlanAsync()
    {
        if (_plan is not null)
        {
            return _plan;
        }

        if (await OfAsync(async () => _plan = await planner.LoadPlanAsync(JobId, Job)) is not { } failure)
        {
            return _plan;
        }

        var end = StorageFaults.IsUnreachable(failure)
            ? Coordinator.OnPlanUnreadable(FirstLine(failure))
            : Coordinator.Finish(JobState.Failed, SecretText.Scrub($"the job's plan could not be read: {FirstLine(failure)}"));
        if (end is not null)
        {
            await FinishAsync(end);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: this activation took the job over at epoch {Epoch} ({State})")]
    private static partial void LogTookOver(ILogger logger, string jobId, int epoch, JobState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: another activation took the job over (this one was at epoch {Epoch}); this one stops")]
    private static partial void LogFenced(ILogger logger, string jobId, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} partition {Index}: straggler, speculative attempt {Attempt} started beside it")]
    private static partial void LogSpeculating(ILogger logger, string jobId, int index, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} partition {Index}: attempt {Winner} finished first; attempt {Loser} is stopped and not committed")]
    private static partial void LogSpeculationDecided(ILogger logger, string jobId, int index, int winner, int loser);
}
