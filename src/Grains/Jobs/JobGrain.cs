using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Jobs.Coordination;
using OrleansProc.Grains.Partitions;
using OrleansProc.Grains.Telemetry;
using static OrleansProc.Grains.Jobs.CallFailures;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// The coordinator of one job. Plans it, keeps a bounded window of partitions started, takes their reports (one-way:
/// no call stays open for a partition's length), re-runs lost or failed attempts and wrong quote-state guesses, then
/// merges the partials and stores the result. Its state survives the silo: a re-activated coordinator goes on. The
/// <see cref="JobCoordinator"/> decides; the grain carries it out (timers, reminders, calls, writes, metrics, spans).
/// </summary>
public sealed partial class JobGrain(
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

    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly InlinePartials _inlinePartials = new();
    private JobCoordinator? _coordinator;
    private JobPartitionCalls? _partitions;
    private IReadOnlyList<IReadOnlyList<SliceSpec>>? _plan;
    private JobResult? _result;
    private IGrainTimer? _pump;
    private IGrainTimer? _secondCleanup;
    private bool _keepAlive;

    private string JobId => this.GetPrimaryKeyString();

    private JobRecord Job => Stored.State;

    private JobPartitionCalls Partitions => _partitions ??= new JobPartitionCalls(GrainFactory, JobId, options.Value.CallTimeout);

    /// <summary>The scheduling policy over the state; made anew only when a submit replaces the state object.</summary>
    private JobCoordinator Coordinator => _coordinator ??= new JobCoordinator(Stored.State, options.Value, time, Random.Shared.NextDouble);

    public async Task<SubmitOutcome> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        // The plan is made while the state is read (a new job's: nothing stored); both only read.
        using var span = OrleansProcActivities.StartSubmit(JobId);
        var loading = LoadAsync();
        var planning = planner.PlanAsync(JobId, spec, Workers(), cancellationToken);
        await Task.WhenAll(loading, planning);
        if (Job.State != JobState.None)
        {
            return SubmitOutcome.Rejected(SubmitErrorKind.BadRequest, $"a job with id '{JobId}' exists already");
        }

        var plan = await planning;
        if (plan.Rejection is { } rejection)
        {
            return rejection;
        }

        await planner.SavePlanAsync(JobId, plan.Record!, plan.Slices, 0, cancellationToken);
        _plan = plan.Slices;
        Stored.State = plan.Record!;
        _coordinator = null;
        Job.SubmittedAt = time.GetUtcNow();
        Job.TraceParent = span?.Id;
        Job.Epoch = 1;
        Job.Owner = _owner;
        try
        {
            await Stored.WriteStateAsync(cancellationToken);
        }
        catch
        {
            Stored.State = new JobRecord(); // not accepted: the same id may be submitted again
            _coordinator = null;
            throw;
        }

        Coordinator.OnSaved();
        _storedState = Job.State;

        // A plan kept in the state is also written to the plan blob, by which the retention sweep finds jobs: once the
        // state is stored (not ahead of it in storage's queue), and not waited for (a failure is only logged).
        if (Job.Slices is not null)
        {
            _ = OnFailureAsync(() => planner.WritePlanBlobAsync(JobId, plan.Slices, 0, CancellationToken.None), e => LogPlanBlobFailed(logger, JobId, FirstLine(e)));
        }

        // The directory line (`job list`) is not waited for: the directory grain's one blob is rewritten for every line.
        _ = TryRecordInDirectoryAsync();
        LogSubmitted(logger, JobId, Job.Dataset, Job.Partitions.Count);
        metrics.JobStarted();

        // The pump's first turn starts the partitions after this call returns: the submit stays short however loaded the cluster is.
        StartPump(firstTurnIn: TimeSpan.Zero);
        return SubmitOutcome.Ok;
    }

    public async Task<JobStatus?> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await LoadAsync();
        return Job.State == JobState.None ? null : StoredView(JobStatusView.From(JobId, Job));
    }

    public async Task<JobStatus?> WaitForStatusAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await LoadAsync();
        if (Job.State != JobState.None && !IsFinal(_storedState))
        {
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(_finished.Task, Task.Delay(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout > MaxWait ? MaxWait : timeout, time, stopWaiting.Token));
            await stopWaiting.CancelAsync();
        }

        return await GetStatusAsync(cancellationToken);
    }

    public async Task<JobResult?> GetResultAsync(CancellationToken cancellationToken = default)
    {
        await LoadAsync();
        return Job.State != JobState.Completed || _storedState != JobState.Completed || (_result ??= Job.Result ?? await merger.ReadResultAsync(JobId, cancellationToken)) is not { } result
            ? null
            : ResultMessages.ForMessage(result, options.Value.MaxResultMessageBytes, $"{StorageNames.JobsContainer}/{JobPaths.Result(JobId)}");
    }

    public async Task<IReadOnlyList<PartitionDetail>> GetPartitionsAsync(CancellationToken cancellationToken = default)
    {
        await LoadAsync();
        return Job.State == JobState.None ? [] : PartitionDetails.From(Job, await PlanAsync());
    }

    public async Task<bool> CancelAsync(CancellationToken cancellationToken = default)
    {
        await LoadAsync();
        if (Coordinator.Cancel() is not { } end)
        {
            return false;
        }

        await FinishAsync(end);
        return true;
    }

    public async Task ReportPartitionAsync(PartitionReport report)
    {
        await LoadAsync();
        if (_fenced || _takingOver)
        {
            return; // not in charge (yet): a finished attempt sends its report again when asked whether it runs
        }

        var kind = Coordinator.Classify(report);
        if (kind == ReportKind.Stale)
        {
            LogStaleReport(logger, JobId, report.Index, report.Attempt, Job.Partitions[report.Index].Attempt);
        }

        if (kind != ReportKind.Current || await RunnablePlanAsync() is not { } plan || Coordinator.OnReport(report, plan) is not { Kind: ReportKind.Current } decision)
        {
            return;
        }

        _inlinePartials.Keep(report, Job.Partitions[report.Index]);

        if (decision.Stop is { } loser)
        {
            LogSpeculationDecided(logger, JobId, report.Index, report.Attempt, loser.Attempt);
            await StopAttemptAsync(loser);
        }

        foreach (var index in decision.QuoteReruns)
        {
            metrics.PartitionRetried();
            LogQuoteGuessWrong(logger, JobId, index);
        }

        if (decision.Replan is { } reason)
        {
            if (_replanReason is null)
            {
                await ReplanAsync(reason); // else one waits already for the dataset to settle
            }
        }
        else if (decision.Failure is { } failure)
        {
            await OnAttemptFailedAsync(failure); // it may end the job: the pump then only retries failed writes
        }
        else if (decision.End is { } end)
        {
            await FinishAsync(end); // a confirmed bad record
            return;
        }

        await PumpAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await LoadAsync();
        _keepAlive = true;
        if (_fenced)
        {
            return;
        }

        if (Coordinator.IsActive || Coordinator.IsCleanUpDue)
        {
            StartPump();
        }
        else if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The slices of every partition, from the state or read from the plan blob once per activation.</summary>
    private async Task<IReadOnlyList<IReadOnlyList<SliceSpec>>> PlanAsync() => _plan ??= await planner.LoadPlanAsync(JobId, Job);

    /// <summary>Partitions the cluster scans at once (active silos × slots), for the default partition size.</summary>
    private int Workers() => Math.Max(1, membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active)) * workers.Value.Slots;

    private void StartPump(TimeSpan? firstTurnIn = null) =>
        _pump ??= this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(firstTurnIn ?? PumpPeriod, PumpPeriod) { KeepAlive = true });

    /// <summary>Keeps the pump while the coordinator has work (the job runs, or a failed write is to be retried), else stops it.</summary>
    private void PumpWhileWork()
    {
        if (!_fenced && Coordinator.HasWork)
        {
            StartPump();
        }
        else
        {
            _pump?.Dispose();
            _pump = null;
        }
    }

    /// <summary>Moves the job on, as the coordinator decides: starts, liveness checks, the merge, the outage limit, retried writes.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken = default)
    {
        var coordinator = Coordinator;
        if (_fenced || (_takingOver && !await TryTakeOverAsync()))
        {
            PumpWhileWork();
            return;
        }

        if (coordinator.TryBeginMerge())
        {
            LogMerging(logger, JobId, Job.Partitions.Count);
        }
        else if (_replanReason is not null)
        {
            if (IsReplanDue)
            {
                await ReplanAsync(_replanReason);
            }
        }
        else if (Job.State == JobState.Running)
        {
            await EnsureKeepAliveAsync();
            foreach (var failure in coordinator.OnLivenessAnswers(await Task.WhenAll(coordinator.DueLivenessChecks().Select(Partitions.IsRunningAsync))))
            {
                await OnAttemptFailedAsync(failure);
            }

            foreach (var failure in coordinator.CheckTimeouts())
            {
                await OnAttemptFailedAsync(failure);
            }

            if (Job.State == JobState.Running && await RunnablePlanAsync() is { } plan)
            {
                var starts = coordinator.Room > 0 ? coordinator.StartPending(plan) : [];
                await Task.WhenAll(starts.Concat(coordinator.StartSpeculative(plan)).Select(StartPartitionAsync));
            }
        }

        // Only an activation in charge writes the result or commits the output: the merge stores the state first when it writes them.
        if (coordinator.IsMergeDue && coordinator.CanSave)
        {
            await MergeAsync(cancellationToken);
        }

        if (coordinator.CheckStorageOutage() is { } end)
        {
            await FinishAsync(end);
        }

        if (coordinator.IsCleanUpDue && (!coordinator.IsDirty || coordinator.IsSaveDue))
        {
            await CompleteEndAsync();
        }
        else if (coordinator.IsSaveDue)
        {
            await TrySaveAsync();
        }

        if (coordinator.IsDirectoryDue)
        {
            await TryRecordInDirectoryAsync();
        }

        PumpWhileWork();
    }

    /// <summary>The reminder re-activates a coordinator whose silo died; a job that ends within seconds does without.</summary>
    private async Task EnsureKeepAliveAsync()
    {
        if (Coordinator.IsKeepAliveDue(_keepAlive))
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
    private PartitionAssignment NewAssignment(PartitionStart start, QueryPlan plan) => new()
    {
        JobId = JobId,
        Index = start.Index,
        Attempt = start.Attempt,
        Epoch = Job.Epoch,
        Slices = start.Slices,
        PartialBlob = JobPaths.Partial(JobId, start.Index, start.Attempt),
        OutputBlob = Job.OutputDataset is { } output ? JobPaths.OutputBlob(output, start.Index, QueryPlans.OutputFormatOf(plan)) : null,
        Plan = plan,
        PartialInReport = Job.Partitions.Count <= InlineLimits.MaxPartitionsWithPartialsInState,
    };

    private async Task StartPartitionAsync(PartitionStart start)
    {
        var plan = Job.Plan ??= await planner.RestorePlanAsync(JobId, Job);
        if (start.Speculative)
        {
            LogSpeculating(logger, JobId, start.Index, start.Attempt);
        }

        if (await Partitions.StartAsync(NewAssignment(start, plan), Job.TraceParent) is { } failure)
        {
            // The next attempt is another activation, placed afresh: a silo that does not answer is not waited on again.
            LogStartFailed(logger, failure, JobId, start.Index);
            if (Coordinator.OnStartFailed(start, FirstLine(failure)) is { } end)
            {
                await FinishAsync(end);
            }
        }
    }
}
