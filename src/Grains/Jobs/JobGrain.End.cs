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
    // This activation's directory records, chained (see TryRecordInDirectoryAsync); their failures are handled inside.
    private Task _directoryRecords = Task.CompletedTask;

    /// <summary>Carries out a failed or lost attempt: its retry (already in the state), or the job's end.</summary>
    private async Task OnAttemptFailedAsync(AttemptFailure failure)
    {
        LogAttemptFailed(logger, JobId, failure.Index, failure.Attempt, failure.Error, failure.Delay.TotalSeconds);
        if (failure.Stop is { } stop)
        {
            await StopAttemptAsync(stop);
        }

        if (failure.End is { } end)
        {
            await FinishAsync(end);
        }
        else
        {
            metrics.PartitionRetried();
        }
    }

    /// <summary>
    /// Merges the partials, then ends the job. A merge that writes beside the job's state (a transform's output, a result
    /// too large for the state) stores the state first, conditionally, so that only an activation in charge writes
    /// them; one that writes nothing else is stored once, with the job's end (conditional too: a stale activation's end
    /// is refused, and it has written nothing).
    /// </summary>
    private async Task MergeAsync(CancellationToken cancellationToken)
    {
        using var span = OrleansProcActivities.StartMerge(JobId, Job.TraceParent);
        var stored = true;
        var failure = await OfAsync(async () =>
        {
            var merge = await merger.MergeAsync(JobId, Job, _inlinePartials, cancellationToken);
            if (merge.WritesBesideTheState)
            {
                stored = await TrySaveAsync();
                if (!stored)
                {
                    return; // not stored (the pump merges again after the save's backoff) or not in charge (fenced)
                }

                await merger.CommitAsync(JobId, Job, merge, cancellationToken);
            }

            (_result, Job.Result) = (merge.Result, merge.FitsState ? merge.Result : null); // a small result is stored with the job's end
        });
        if (!stored)
        {
            return;
        }

        if (failure is not null && StorageFaults.IsUnreachable(failure))
        {
            var (delay, gaveUp) = Coordinator.OnMergeUnreachable(FirstLine(failure)); // retried while the outage lasts, a bounded number of times
            if (gaveUp is not null)
            {
                await FinishAsync(gaveUp);
                return;
            }

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

    /// <summary>Carries out the end the coordinator decided (already in the state): stores it, then stops what runs and cleans up.</summary>
    private async Task FinishAsync(JobEnd end)
    {
        metrics.JobFinished(end.State, Job.FinishedAt.GetValueOrDefault() - Job.SubmittedAt);
        LogFinished(logger, JobId, end.State, end.Error);
        await CompleteEndAsync();
    }

    /// <summary>
    /// The side effects of the job's end, each only after the one before: the end is stored (else nothing happens and
    /// the pump tries again; a conflict means another activation is in charge and this one stops), then the waiting
    /// client is woken, then running attempts are stopped and partials (and a failed transform's output) deleted, then
    /// that is stored as done. A coordinator that dies in between does the rest on reactivation (never a merge or a run).
    /// </summary>
    private async Task CompleteEndAsync()
    {
        if (_ending || _fenced || !Coordinator.IsCleanUpDue)
        {
            return;
        }

        _ending = true;
        try
        {
            if (Coordinator.IsDirty && !await TrySaveAsync())
            {
                return;
            }

            _finished.TrySetResult();
            await CleanUpEndAsync(Job.State);
        }
        finally
        {
            _ending = false;
        }
    }

    private async Task CleanUpEndAsync(JobState final)
    {
        var running = Coordinator.RunningAttempts();
        await Task.WhenAll(running.Select(StopAttemptAsync));
        await CleanUpAsync(async () =>
        {
            await merger.DeletePartialsAsync(JobId);
            if (final != JobState.Completed && Job.OutputDataset is { } output)
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
        Coordinator.OnCleanedUp();
        await TrySaveAsync();
        PumpWhileWork(); // retries the writes that failed (storage unreachable), then stops
    }

    /// <summary>Tells an attempt to stop; a failure is logged (the attempt's report is refused anyway).</summary>
    private async Task StopAttemptAsync(PartitionAttempt attempt)
    {
        if (await Partitions.StopAsync(attempt) is { } failure)
        {
            LogStopFailed(logger, failure, JobId, attempt.Index);
        }
    }

    private Task CleanUpAsync(Func<Task> cleanup) => OnFailureAsync(cleanup, e => LogCleanupFailed(logger, e, JobId));

    /// <summary>
    /// Stores the state, conditionally (see <see cref="JobStateWrites.WriteFencedAsync"/>): true when stored. When
    /// storage cannot take it, it stays dirty and the coordinator says when to try again; when another activation is
    /// in charge, this one stops.
    /// </summary>
    private async Task<bool> TrySaveAsync()
    {
        if (_fenced)
        {
            return false;
        }

        var (writing, written) = (Job.State, false);
        if (await OfAsync(async () => written = await Stored.WriteFencedAsync(conflict => LogStateConflict(logger, JobId, conflict))) is { } failure)
        {
            var delay = Coordinator.OnSaveFailed(FirstLine(failure), StorageFaults.IsUnreachable(failure));
            LogSaveFailed(logger, JobId, delay.TotalSeconds, FirstLine(failure));
            return false;
        }

        if (!written)
        {
            Fence();
            return false;
        }

        _storedState = writing;
        if (Coordinator.OnSaved() is var failures and > 0)
        {
            LogSavedAgain(logger, JobId, failures);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            var done = Job.Partitions.Count(p => p.Status == PartitionStatus.Done);
            LogSaved(logger, JobId, writing, done, Job.Partitions.Count);
        }

        return true;
    }

    /// <summary>
    /// Records the job in the directory (for `job list`), after this activation's earlier records; when that fails,
    /// the pump tries again.
    /// </summary>
    private Task TryRecordInDirectoryAsync()
    {
        var (coordinator, summary, previous) = (Coordinator, JobStatusView.Summary(JobId, Job), _directoryRecords);
        return _directoryRecords = OnFailureAsync(
            async () =>
            {
                await previous; // one after another: a later summary never lands before an earlier one
                await GrainFactory.GetGrain<IJobDirectoryGrain>("default").RecordAsync(summary).WaitAsync(options.Value.CallTimeout);
                coordinator.OnDirectoryRecorded();
            },
            e => LogDirectoryFailed(logger, JobId, coordinator.OnDirectoryFailed().TotalSeconds, FirstLine(e)));
    }
}
