using Microsoft.Extensions.Logging;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs.Coordination;
using OrleansProc.Grains.Storage;
using OrleansProc.Grains.Telemetry;
using static OrleansProc.Grains.Jobs.CallFailures;

namespace OrleansProc.Grains.Jobs;

// How the coordinator's job ends, and its own writes: failed attempts that may end it, the merge, carrying out an end
// (store it, stop what runs, clean up), and the state and directory writes that it retries.
public sealed partial class JobGrain
{
    /// <summary>Carries out a failed or lost attempt: its retry (already in the state), or the job's end.</summary>
    private async Task OnAttemptFailedAsync(AttemptFailure failure)
    {
        LogAttemptFailed(logger, JobId, failure.Index, failure.Attempt, failure.Error, failure.Delay.TotalSeconds);
        if (failure.End is { } end)
        {
            await FinishAsync(end);
        }
        else
        {
            metrics.PartitionRetried();
        }
    }

    private async Task MergeAsync(CancellationToken cancellationToken)
    {
        using var span = OrleansProcActivities.StartMerge(JobId, Job.TraceParent);
        var failure = await OfAsync(async () => _result = await merger.MergeAsync(JobId, Job, cancellationToken));
        if (failure is not null && StorageFaults.IsUnreachable(failure))
        {
            var delay = Coordinator.OnMergeUnreachable(FirstLine(failure)); // retried while the outage lasts
            LogMergeRetry(logger, JobId, delay.TotalSeconds, Coordinator.StorageError ?? string.Empty);
            return;
        }

        await FinishAsync(failure switch
        {
            null => Coordinator.OnMerged(),
            ResultTooLargeException => Coordinator.Finish(JobState.Failed, failure.Message),
            _ => MergeFailed(failure),
        });
    }

    private JobEnd MergeFailed(Exception failure)
    {
        LogMergeFailed(logger, failure, JobId);
        return Coordinator.Finish(JobState.Failed, SecretText.Scrub($"merging the partial results failed: {failure.Message}"));
    }

    /// <summary>Carries out the end the coordinator decided (already in the state): stores it, stops what runs, cleans up.</summary>
    private async Task FinishAsync(JobEnd end)
    {
        var running = Coordinator.RunningAttempts();
        metrics.JobFinished(end.State, Job.FinishedAt.GetValueOrDefault() - Job.SubmittedAt);
        LogFinished(logger, JobId, end.State, end.Error);
        await TrySaveAsync();
        _finished.TrySetResult();
        foreach (var (attempt, failure) in await Task.WhenAll(running.Select(async a => (a, await Partitions.StopAsync(a)))))
        {
            if (failure is not null)
            {
                LogStopFailed(logger, failure, JobId, attempt.Index);
            }
        }

        await CleanUpAsync(async () =>
        {
            await merger.DeletePartialsAsync(JobId);
            if (end.State != JobState.Completed && Job.OutputDataset is { } output)
            {
                await merger.DeleteOutputAsync(output);
            }
        });

        // A partition that was uploading when it was told to stop, or a presumed-dead attempt that went on, may land
        // its partial after the cleanup above.
        _secondCleanup ??= this.RegisterGrainTimer(
            ct => CleanUpAsync(() => merger.DeletePartialsAsync(JobId, ct)),
            new GrainTimerCreationOptions(options.Value.SecondCleanupAfter, Timeout.InfiniteTimeSpan) { KeepAlive = true });

        // When unregistering fails, the reminder unregisters itself when it next fires.
        await CleanUpAsync(async () =>
        {
            if (_keepAlive && await this.GetReminder(KeepAliveReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        });
        await TryRecordInDirectoryAsync();
        PumpWhileWork(); // retries the writes that failed (storage unreachable), then stops
    }

    private Task CleanUpAsync(Func<Task> cleanup) => OnFailureAsync(cleanup, e => LogCleanupFailed(logger, e, JobId));

    /// <summary>Stores the state; when storage cannot take it, it stays dirty and the coordinator says when to try again.</summary>
    private async Task TrySaveAsync()
    {
        if (await OfAsync(() => state.WriteOverConflictAsync(conflict => LogStateConflict(logger, JobId, conflict))) is { } failure)
        {
            var delay = Coordinator.OnSaveFailed(FirstLine(failure), StorageFaults.IsUnreachable(failure));
            LogSaveFailed(logger, JobId, delay.TotalSeconds, FirstLine(failure));
        }
        else if (Coordinator.OnSaved() is var failures and > 0)
        {
            LogSavedAgain(logger, JobId, failures);
        }
    }

    /// <summary>Records the job in the directory (for `job list`); when that fails, the pump tries again.</summary>
    private Task TryRecordInDirectoryAsync()
    {
        var (coordinator, summary) = (Coordinator, JobStatusView.Summary(JobId, Job));
        return OnFailureAsync(
            async () =>
            {
                await GrainFactory.GetGrain<IJobDirectoryGrain>("default").RecordAsync(summary).WaitAsync(options.Value.CallTimeout);
                coordinator.OnDirectoryRecorded();
            },
            e => LogDirectoryFailed(logger, JobId, coordinator.OnDirectoryFailed().TotalSeconds, FirstLine(e)));
    }
}
