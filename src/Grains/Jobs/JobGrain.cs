using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Jobs.Coordination;
using OrleansProc.Grains.Partitions;
using OrleansProc.Grains.Storage;
using OrleansProc.Grains.Telemetry;
using static OrleansProc.Grains.Jobs.CallFailures;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// The coordinator of one job. Plans it, keeps a bounded window of partitions started, takes their reports (one-way:
/// no call stays open for a partition's length), re-runs lost or failed attempts and wrong quote-state guesses, then
/// merges the partials and stores the result. Its state survives the silo: a re-activated coordinator goes on. What to
/// do when is the <see cref="JobCoordinator"/>'s decision; the grain carries it out (timers, reminders, grain calls,
/// writes, metrics, spans).
/// </summary>
public sealed partial class JobGrain(
    [PersistentState("job", "state")] IPersistentState<JobRecord> state,
    JobPlanner planner,
    JobMerger merger,
    IOptions<JobOptions> options,
    IOptions<WorkerOptions> workers,
    TimeProvider time,
    OrleansProcMetrics metrics,
    IClusterMembershipService membership,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PumpPeriod = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PartitionCallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A job still running this long after its submit gets the keep-alive reminder (short jobs never touch the reminder table).</summary>
    private static readonly TimeSpan KeepAliveAfter = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JobCoordinator? _coordinator;
    private IReadOnlyList<IReadOnlyList<SliceSpec>>? _plan;
    private JobResult? _result;
    private IGrainTimer? _pump;
    private IGrainTimer? _secondCleanup;
    private bool _keepAlive;

    private string JobId => this.GetPrimaryKeyString();

    private JobRecord Job => state.State;

    /// <summary>The scheduling policy over the current state; made anew when the state object is replaced (submit).</summary>
    private JobCoordinator Coordinator => _coordinator is { } coordinator && ReferenceEquals(coordinator.Job, state.State)
        ? coordinator
        : _coordinator = new JobCoordinator(state.State, options.Value, time, Random.Shared.NextDouble);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Coordinator.IsActive)
        {
            var done = Job.Partitions.Count(p => p.Status == PartitionStatus.Done);
            var running = Job.Partitions.Count(p => p.Status == PartitionStatus.Running);
            LogResumed(logger, JobId, Job.State, done, Job.Partitions.Count, running);
            _keepAlive = true; // a previous activation may have registered it
            StartPump();
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<SubmitOutcome> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        if (Job.State != JobState.None)
        {
            return SubmitOutcome.Rejected(SubmitErrorKind.BadRequest, $"a job with id '{JobId}' exists already");
        }

        using var span = OrleansProcActivities.StartSubmit(JobId);
        var silos = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var plan = await planner.PlanAsync(JobId, spec, Math.Max(1, silos) * workers.Value.Slots, cancellationToken);
        if (plan.Rejection is { } rejection)
        {
            return rejection;
        }

        await planner.SavePlanAsync(JobId, plan.Slices, cancellationToken);
        _plan = plan.Slices;
        state.State = plan.Record!;
        Job.SubmittedAt = time.GetUtcNow();
        Job.TraceParent = span?.Id;
        var recorded = TryRecordInDirectoryAsync();
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State = new JobRecord(); // not accepted: the same id may be submitted again
            throw;
        }

        Coordinator.OnSaved();
        await recorded;
        LogSubmitted(logger, JobId, Job.Dataset, Job.Partitions.Count);
        metrics.JobStarted();

        // The pump's first turn starts the partitions right after this call returns: the client's submit does not wait
        // for them, so it stays short however loaded the cluster is (many jobs submitted at once).
        StartPump(firstTurnIn: TimeSpan.Zero);
        return SubmitOutcome.Ok;
    }

    public Task<JobStatus?> GetStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Job.State == JobState.None ? null : JobStatusView.From(JobId, Job));

    public async Task<JobStatus?> WaitForStatusAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (Coordinator.IsActive)
        {
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(_finished.Task, Task.Delay(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout > MaxWait ? MaxWait : timeout, time, stopWaiting.Token));
            await stopWaiting.CancelAsync();
        }

        return await GetStatusAsync(cancellationToken);
    }

    public async Task<JobResult?> GetResultAsync(CancellationToken cancellationToken = default) =>
        Job.State != JobState.Completed ? null : _result ??= await merger.ReadResultAsync(JobId, cancellationToken);

    public async Task<IReadOnlyList<PartitionDetail>> GetPartitionsAsync(CancellationToken cancellationToken = default) =>
        Job.State == JobState.None ? [] : PartitionDetails.From(Job, await PlanAsync());

    public async Task<bool> CancelAsync(CancellationToken cancellationToken = default)
    {
        var end = Coordinator.Cancel();
        await (end is null ? Task.CompletedTask : FinishAsync(end));
        return end is not null;
    }

    public async Task ReportPartitionAsync(PartitionReport report)
    {
        var kind = Coordinator.Classify(report);
        if (kind == ReportKind.Stale)
        {
            LogStaleReport(logger, JobId, report.Index, report.Attempt, Job.Partitions[report.Index].Attempt);
        }

        if (kind != ReportKind.Current || Coordinator.OnReport(report, await PlanAsync()) is not { Kind: ReportKind.Current } decision)
        {
            return;
        }

        foreach (var index in decision.QuoteReruns)
        {
            metrics.PartitionRetried();
            LogQuoteGuessWrong(logger, JobId, index);
        }

        await (decision.Failure is { } failure ? OnAttemptFailedAsync(failure) : Task.CompletedTask);
        await (decision is { Failure: null, End: { } end } ? FinishAsync(end) : PumpAsync());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _keepAlive = true;
        if (Coordinator.IsActive)
        {
            StartPump();
        }
        else if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The slices of every partition, read from the plan blob once per activation.</summary>
    private async Task<IReadOnlyList<IReadOnlyList<SliceSpec>>> PlanAsync() => _plan ??= await planner.LoadPlanAsync(JobId);

    private void StartPump(TimeSpan? firstTurnIn = null) =>
        _pump ??= this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(firstTurnIn ?? PumpPeriod, PumpPeriod) { KeepAlive = true });

    private void StopPump()
    {
        _pump?.Dispose();
        _pump = null;
    }

    /// <summary>Moves the job on, as the coordinator decides: starts, liveness checks, the merge, the outage limit, retried writes.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken = default)
    {
        var coordinator = Coordinator;
        if (coordinator.TryBeginMerge())
        {
            LogMerging(logger, JobId, Job.Partitions.Count);
        }
        else if (Job.State == JobState.Running)
        {
            await EnsureKeepAliveAsync();
            foreach (var failure in coordinator.OnLivenessAnswers(await Task.WhenAll(coordinator.DueLivenessChecks().Select(IsRunningAsync))))
            {
                await OnAttemptFailedAsync(failure);
            }

            if (coordinator.Room > 0 && Job.State == JobState.Running)
            {
                await Task.WhenAll(coordinator.StartPending(await PlanAsync()).Select(StartPartitionAsync));
            }
        }

        await (coordinator.IsMergeDue ? MergeAsync(cancellationToken) : Task.CompletedTask);
        await (coordinator.CheckStorageOutage() is { } end ? FinishAsync(end) : Task.CompletedTask);
        await (coordinator.IsSaveDue ? TrySaveAsync() : Task.CompletedTask);
        await (coordinator.IsDirectoryDue ? TryRecordInDirectoryAsync() : Task.CompletedTask);
        if (!coordinator.HasWork)
        {
            StopPump();
        }
    }

    /// <summary>The reminder re-activates a coordinator whose silo died; a job that ends within seconds does without.</summary>
    private async Task EnsureKeepAliveAsync()
    {
        if (!_keepAlive && time.GetUtcNow() - Job.SubmittedAt >= KeepAliveAfter)
        {
            var failure = await OfAsync(() => this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
            _keepAlive = failure is null;
            if (failure is not null)
            {
                LogReminderFailed(logger, JobId, FirstLine(failure)); // the next pump tries again
            }
        }
    }

    /// <summary>The one place a partition's assignment is made, from the job and the coordinator's start decision.</summary>
    private PartitionAssignment NewAssignment(PartitionStart start) => new()
    {
        JobId = JobId,
        Index = start.Index,
        Attempt = start.Attempt,
        Spec = Job.Spec!,
        Dataset = Job.Dataset,
        Slices = start.Slices,
        PartialBlob = JobPaths.Partial(JobId, start.Index, start.Attempt),
        OutputBlob = Job.OutputDataset is { } output ? JobPaths.OutputBlob(output, start.Index) : null,
    };

    private async Task StartPartitionAsync(PartitionStart start)
    {
        var assignment = NewAssignment(start);
        using var span = OrleansProcActivities.StartDispatch(JobId, start.Index, start.Attempt, Job.TraceParent);

        // On failure the next attempt is another activation, placed afresh: a silo that does not answer is not waited on again.
        await OnFailureAsync(
            () => PartitionGrain(start.Index, start.Attempt).StartAsync(assignment).WaitAsync(options.Value.CallTimeout),
            e => { LogStartFailed(logger, e, JobId, start.Index); Coordinator.OnStartFailed(start); });
    }

    /// <summary>Whether an attempt still runs, as its grain answers; null when it does not answer (its silo may be dead).</summary>
    private async Task<(PartitionAttempt, bool?)> IsRunningAsync(PartitionAttempt check)
    {
        var running = false;
        var failure = await OfAsync(async () => running = await PartitionGrain(check.Index, check.Attempt).IsRunningAsync(check.Attempt).WaitAsync(PartitionCallTimeout));
        return (check, failure is null ? running : null);
    }

    private async Task OnAttemptFailedAsync(AttemptFailure failure)
    {
        LogAttemptFailed(logger, JobId, failure.Index, failure.Attempt, failure.Error, failure.Delay.TotalSeconds);
        await (failure.End is { } end ? FinishAsync(end) : Task.CompletedTask);
        if (failure.End is null)
        {
            metrics.PartitionRetried();
        }
    }

    private async Task MergeAsync(CancellationToken cancellationToken)
    {
        using var span = OrleansProcActivities.StartMerge(JobId, Job.TraceParent);
        JobEnd end;
        try
        {
            _result = await merger.MergeAsync(JobId, Job, cancellationToken);
            end = Coordinator.OnMerged();
        }
        catch (Exception e) when (e is not OperationCanceledException && StorageFaults.IsUnreachable(e))
        {
            var delay = Coordinator.OnMergeUnreachable(FirstLine(e));
            LogMergeRetry(logger, JobId, delay.TotalSeconds, Coordinator.StorageError ?? string.Empty);
            return;
        }
        catch (ResultTooLargeException e)
        {
            end = Coordinator.Finish(JobState.Failed, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMergeFailed(logger, e, JobId);
            end = Coordinator.Finish(JobState.Failed, SecretText.Scrub($"merging the partial results failed: {e.Message}"));
        }

        await FinishAsync(end);
    }

    /// <summary>Carries out the end the coordinator decided (already in the state): stores it, stops what runs, cleans up.</summary>
    private async Task FinishAsync(JobEnd end)
    {
        var running = Coordinator.RunningAttempts();
        metrics.JobFinished(end.State, Job.FinishedAt.GetValueOrDefault() - Job.SubmittedAt);
        LogFinished(logger, JobId, end.State, end.Error);
        await TrySaveAsync();
        _finished.TrySetResult();
        await Task.WhenAll(running.Select(a => OnFailureAsync(
            () => PartitionGrain(a.Index, a.Attempt).StopAsync().WaitAsync(PartitionCallTimeout),
            e => LogStopFailed(logger, e, JobId, a.Index))));
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
        await CleanUpAsync(async () => await (_keepAlive && await this.GetReminder(KeepAliveReminder) is { } reminder ? this.UnregisterReminder(reminder) : Task.CompletedTask));
        await TryRecordInDirectoryAsync();
        if (Coordinator.HasWork)
        {
            StartPump(); // retries the writes that failed (storage unreachable), then stops
        }
        else
        {
            StopPump();
        }
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
            async () => { await GrainFactory.GetGrain<IJobDirectoryGrain>("default").RecordAsync(summary).WaitAsync(options.Value.CallTimeout); coordinator.OnDirectoryRecorded(); },
            e => LogDirectoryFailed(logger, JobId, coordinator.OnDirectoryFailed().TotalSeconds, FirstLine(e)));
    }

    private IPartitionGrain PartitionGrain(int index, int attempt) => GrainFactory.GetGrain<IPartitionGrain>($"{JobId}/{index}/{attempt}");
}
