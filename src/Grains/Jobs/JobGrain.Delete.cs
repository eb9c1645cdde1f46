using Microsoft.Extensions.Logging;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs;

// Deleting a finished job (`job delete`, and the retention sweep): its blobs, its directory line, then its state.
public sealed partial class JobGrain
{
    public async Task<JobDeletion> DeleteAsync(DateTimeOffset? finishedBefore = null, CancellationToken cancellationToken = default)
    {
        await LoadAsync();
        if (Coordinator.HasWork && Job.State != JobState.None)
        {
            return JobDeletion.Running; // it runs, or its end is not stored yet
        }

        if (finishedBefore is { } cutoff && Job.State != JobState.None && !(Job.FinishedAt < cutoff))
        {
            return JobDeletion.Kept;
        }

        // The blobs go first: a delete that fails half-way leaves the state, and so the job, to be deleted again.
        var blobs = await merger.DeleteArtefactsAsync(JobId, cancellationToken);
        await GrainFactory.GetGrain<IJobDirectoryGrain>("default").RemoveAsync(JobId, cancellationToken);
        if (Job.State == JobState.None)
        {
            return blobs > 0 ? JobDeletion.Deleted : JobDeletion.NotFound;
        }

        _secondCleanup?.Dispose();
        _secondCleanup = null;
        await Stored.ClearStateAsync(cancellationToken);
        Stored.State = new JobRecord();
        (_coordinator, _plan, _result) = (null, null, null);
        LogDeleted(logger, JobId, blobs);
        DeactivateOnIdle();
        return JobDeletion.Deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} deleted ({Blobs} blobs)")]
    private static partial void LogDeleted(ILogger logger, string jobId, int blobs);
}
