using Microsoft.Extensions.DependencyInjection;
using Orleans.Core;
using Orleans.Storage;

namespace OrleansProc.Grains.Jobs;

// The coordinator's stored state, read by the first call rather than on activation: a submit reads it while it plans, so
// the read of a new job's state and its planning overlap instead of following each other on the path the client waits on.
public sealed partial class JobGrain
{
    private const string StateName = "job";
    private const string StorageName = "state";

    private IStorage<JobRecord>? _stored;
    private Task? _loading;

    /// <summary>The job's state in the grain storage "state", named "job" (the blob <c>[PersistentState("job", "state")]</c> used).</summary>
    private IStorage<JobRecord> Stored => _stored ??= new StateStorageBridge<JobRecord>(StateName, GrainContext, ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageName));

    /// <summary>
    /// Reads the state once per activation, then resumes a stored job that has work (see <see cref="Resume"/>). Every
    /// call awaits it before it looks at the job; a read that failed is tried again by the next call.
    /// </summary>
    private Task LoadAsync()
    {
        if (_loading is { IsFaulted: true } or { IsCanceled: true })
        {
            _loading = null;
        }

        return _loading ??= ReadAndResumeAsync();
    }

    private async Task ReadAndResumeAsync()
    {
        await Stored.ReadStateAsync();
        Resume();
    }

    /// <summary>A stored job that still runs (or whose end is not cleaned up) is taken over by this activation.</summary>
    private void Resume()
    {
        _storedState = Job.State;
        if (Coordinator.IsActive || Coordinator.IsCleanUpDue)
        {
            var done = Job.Partitions.Count(p => p.Status == PartitionStatus.Done);
            var running = Job.Partitions.Count(p => p.Status == PartitionStatus.Running);
            LogResumed(logger, JobId, Job.State, done, Job.Partitions.Count, running);
            _keepAlive = true; // a previous activation may have registered it
            _takingOver = true; // nothing is started, merged or cleaned up before this activation's epoch is stored
            StartPump(firstTurnIn: TimeSpan.Zero);
        }
    }
}
