using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Partitions;
using OrleansProc.Grains.Telemetry;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// The coordinator of one job. Plans it, keeps a bounded window of partitions started, takes their reports (one-way:
/// no call stays open for a partition's length), re-runs lost or failed attempts and wrong quote-state guesses, then
/// merges the partials and stores the result. Its state survives the silo: a re-activated coordinator goes on.
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
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>A job still running this long after its submit gets the keep-alive reminder (short jobs never touch the reminder table).</summary>
    private static readonly TimeSpan KeepAliveAfter = TimeSpan.FromSeconds(2);

    private IGrainTimer? _pump;
    private bool _dirty;
    private DateTimeOffset _lastSave;
    private DateTimeOffset _lastLivenessCheck;
    private JobResult? _result;
    private readonly Dictionary<(int Index, int Attempt), DateTimeOffset> _unreachableSince = [];
    private IReadOnlyList<IReadOnlyList<SliceSpec>>? _plan;
    private IGrainTimer? _secondCleanup;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _keepAlive;

    // Storage outages: since when nothing reached storage (partitions and this grain's own writes), and the last error.
    private DateTimeOffset? _storageDownSince;
    private string? _storageError;
    private int _saveFailures;
    private DateTimeOffset _saveRetryAt;
    private int _mergeFailures;
    private DateTimeOffset _mergeRetryAt;
    private bool _directoryStale;
    private int _directoryFailures;
    private DateTimeOffset _directoryRetryAt;

    private string JobId => this.GetPrimaryKeyString();

    private JobRecord Job => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Job.State is JobState.Running or JobState.Merging)
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

        _lastSave = time.GetUtcNow();
        await recorded;
        LogSubmitted(logger, JobId, Job.Dataset, Job.Partitions.Count);
        metrics.JobStarted();

        // The pump's first turn starts the partitions right after this call returns: the client's submit does not wait
        // for them, so it stays short however loaded the cluster is (many jobs submitted at once).
        StartPump(firstTurnIn: TimeSpan.Zero);
        return SubmitOutcome.Ok;
    }

    public Task<JobStatus?> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        if (Job.State == JobState.None)
        {
            return Task.FromResult<JobStatus?>(null);
        }

        var done = Job.Partitions.Where(p => p.Status == PartitionStatus.Done).ToList();
        return Task.FromResult<JobStatus?>(new JobStatus
        {
            JobId = JobId,
            State = Job.State,
            Description = Job.Spec?.Describe() ?? string.Empty,
            Dataset = Job.Dataset,
            PartitionsTotal = Job.Partitions.Count,
            PartitionsDone = done.Count,
            PartitionsRunning = Job.Partitions.Count(p => p.Status == PartitionStatus.Running),
            PartitionRetries = Job.Retries,
            RowsRead = done.Sum(p => p.Rows),
            BytesRead = done.Sum(p => p.Bytes),
            BytesTotal = Job.BytesTotal,
            SubmittedAt = Job.SubmittedAt,
            FinishedAt = Job.FinishedAt,
            Error = Job.Error,
            BadRecords = done.Sum(p => p.BadRecords),
            PartitionsBySilo = done.GroupBy(p => p.Silo).ToDictionary(g => g.Key, g => g.Count()),
        });
    }

    public async Task<JobStatus?> WaitForStatusAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (Job.State is JobState.Running or JobState.Merging)
        {
            var wait = timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout > MaxWait ? MaxWait : timeout;
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(_finished.Task, Task.Delay(wait, time, stopWaiting.Token));
            await stopWaiting.CancelAsync();
        }

        return await GetStatusAsync(cancellationToken);
    }

    public async Task<JobResult?> GetResultAsync(CancellationToken cancellationToken = default)
    {
        if (Job.State != JobState.Completed)
        {
            return null;
        }

        return _result ??= await merger.ReadResultAsync(JobId, cancellationToken);
    }

    public async Task<IReadOnlyList<PartitionDetail>> GetPartitionsAsync(CancellationToken cancellationToken = default) =>
        Job.State == JobState.None ? [] : PartitionDetails.From(Job, await PlanAsync());

    public async Task<bool> CancelAsync(CancellationToken cancellationToken = default)
    {
        if (Job.State is not (JobState.Running or JobState.Merging))
        {
            return false;
        }

        await FinishAsync(JobState.Cancelled, "cancelled by the user");
        return true;
    }

    public async Task ReportPartitionAsync(PartitionReport report)
    {
        if (Job.State != JobState.Running || report.Index < 0 || report.Index >= Job.Partitions.Count)
        {
            return;
        }

        var partition = Job.Partitions[report.Index];
        if (partition.Status != PartitionStatus.Running || partition.Attempt != report.Attempt)
        {
            LogStaleReport(logger, JobId, report.Index, report.Attempt, partition.Attempt);
            return;
        }

        var plan = await PlanAsync();
        if (!report.Succeeded && !(report.Permanent && IsCheckableRange(plan[report.Index], report)))
        {
            var loss = report.StorageUnreachable ? AttemptLoss.StorageUnreachable : AttemptLoss.Failed;
            await OnAttemptFailedAsync(report.Index, partition, report.Error ?? "unknown error", report.Permanent, loss);
            await PumpAsync();
            return;
        }

        _storageDownSince = null;
        partition.Status = report.Succeeded ? PartitionStatus.Done : PartitionStatus.Suspect;
        partition.OutputBlocks = report.OutputBlocks;
        partition.RetryAt = null;
        partition.Error = report.Error;
        partition.Rows = report.Rows;
        partition.Bytes = report.Bytes;
        partition.BadRecords = report.BadRecords;
        partition.QuoteCount = report.SliceQuoteCounts is [var quotes] ? quotes : null;
        partition.Silo = report.Silo;
        partition.FinishedAt = time.GetUtcNow();
        foreach (var sample in report.BadRecordSamples.Take(Math.Max(0, 5 - Job.BadRecordSamples.Count)))
        {
            Job.BadRecordSamples.Add(sample);
        }

        foreach (var (index, startsInside) in QuoteStateCheck.FindWrongGuesses(plan, Job.Partitions))
        {
            var wrong = Job.Partitions[index];
            wrong.StartsInsideQuotes = startsInside;
            wrong.Status = PartitionStatus.Pending;
            wrong.Error = null;
            Job.Retries++;
            metrics.PartitionRetried();
            LogQuoteGuessWrong(logger, JobId, index);
        }

        _dirty = true;
        if (QuoteStateCheck.ConfirmedFailures(plan, Job.Partitions).FirstOrDefault(-1) is var failed and >= 0)
        {
            await FinishAsync(JobState.Failed, Job.Partitions[failed].Error);
            return;
        }

        await PumpAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _keepAlive = true;
        if (Job.State is JobState.Running or JobState.Merging)
        {
            StartPump();
            return;
        }

        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>A bad record in a range that starts mid-blob may come from a wrong quote-state guess: check before failing.</summary>
    private static bool IsCheckableRange(IReadOnlyList<SliceSpec> slices, PartitionReport report) =>
        report.SliceQuoteCounts.Count == 1 && slices is [{ RangeStart: > 0 }];

    /// <summary>The slices of every partition, read from the plan blob once per activation.</summary>
    private async Task<IReadOnlyList<IReadOnlyList<SliceSpec>>> PlanAsync() => _plan ??= await planner.LoadPlanAsync(JobId);

    /// <summary>A partition's slices as planned, its first starting in the quote state the job now assumes.</summary>
    private static IReadOnlyList<SliceSpec> SlicesOf(IReadOnlyList<SliceSpec> planned, PartitionRecord partition) =>
        partition.StartsInsideQuotes && planned is [var only]
            ? [only with { StartsInsideQuotes = true }]
            : planned;

    private void StartPump(TimeSpan? firstTurnIn = null) => _pump ??= this.RegisterGrainTimer(
        PumpAsync,
        new GrainTimerCreationOptions(firstTurnIn ?? TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)) { KeepAlive = true });

    /// <summary>
    /// Moves the job on: starts pending partitions within the window, checks on running ones, merges at the end; fails
    /// the job when storage stays unreachable too long; retries its own writes that failed.
    /// </summary>
    private async Task PumpAsync(CancellationToken cancellationToken = default)
    {
        if (Job.State == JobState.Running)
        {
            if (Job.Partitions.All(p => p.Status == PartitionStatus.Done))
            {
                // Not saved: a coordinator that dies while merging resumes as Running and merges again.
                Job.State = JobState.Merging;
                LogMerging(logger, JobId, Job.Partitions.Count);
            }
            else
            {
                await EnsureKeepAliveAsync();
                await CheckLivenessAsync();
                await StartPendingAsync();
            }
        }

        if (Job.State == JobState.Merging && time.GetUtcNow() >= _mergeRetryAt)
        {
            await MergeAsync(cancellationToken);
        }

        if (Job.State is JobState.Running or JobState.Merging
            && _storageDownSince is { } since
            && time.GetUtcNow() - since >= options.Value.StorageOutageLimit)
        {
            var seconds = (time.GetUtcNow() - since).TotalSeconds;
            await FinishAsync(
                JobState.Failed,
                $"storage was unreachable for {seconds:F0} s (since {since:HH:mm:ss} UTC), longer than the limit of " +
                $"{options.Value.StorageOutageLimit.TotalSeconds:F0} s (ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS); last error: {_storageError}");
        }

        var now = time.GetUtcNow();
        if (_dirty && now - _lastSave >= SaveInterval && now >= _saveRetryAt)
        {
            await TrySaveAsync();
        }

        if (_directoryStale && now >= _directoryRetryAt)
        {
            await TryRecordInDirectoryAsync();
        }

        if (Job.State is not (JobState.Running or JobState.Merging) && !_dirty && !_directoryStale)
        {
            _pump?.Dispose();
            _pump = null;
        }
    }

    /// <summary>The reminder re-activates a coordinator whose silo died; a job that ends within seconds does without.</summary>
    private async Task EnsureKeepAliveAsync()
    {
        if (!_keepAlive && time.GetUtcNow() - Job.SubmittedAt >= KeepAliveAfter)
        {
            try
            {
                await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
                _keepAlive = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReminderFailed(logger, JobId, e.Message.Split('\n', 2)[0].Trim()); // the next pump tries again
            }
        }
    }

    private async Task StartPendingAsync()
    {
        var running = Job.Partitions.Count(p => p.Status == PartitionStatus.Running);
        var room = options.Value.MaxPartitionsInFlight - running;
        if (room <= 0)
        {
            return;
        }

        var plan = await PlanAsync();
        var starts = new List<Task>();
        for (var i = 0; i < Job.Partitions.Count && starts.Count < room; i++)
        {
            var partition = Job.Partitions[i];
            if (partition.Status != PartitionStatus.Pending || partition.RetryAt > time.GetUtcNow())
            {
                continue;
            }

            partition.Attempt++;
            partition.Status = PartitionStatus.Running;
            partition.StartedAt = time.GetUtcNow();
            partition.FinishedAt = null;
            starts.Add(StartPartitionAsync(i, partition, SlicesOf(plan[i], partition)));
        }

        _dirty |= starts.Count > 0;
        await Task.WhenAll(starts);
    }

    private async Task StartPartitionAsync(int index, PartitionRecord partition, IReadOnlyList<SliceSpec> slices)
    {
        var assignment = new PartitionAssignment
        {
            JobId = JobId,
            Index = index,
            Attempt = partition.Attempt,
            Slices = slices,
            PartialBlob = JobPaths.Partial(JobId, index, partition.Attempt),
            OutputBlob = Job.OutputDataset is { } output ? JobPaths.OutputBlob(output, index) : null,
            Plan = Job.Plan ??= await planner.RestorePlanAsync(JobId, Job),
        };
        using var span = OrleansProcActivities.StartDispatch(JobId, index, partition.Attempt, Job.TraceParent);
        try
        {
            await PartitionGrain(index, partition.Attempt).StartAsync(assignment).WaitAsync(options.Value.CallTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next attempt is another activation, placed afresh: a silo that does not answer is not waited on again.
            LogStartFailed(logger, e, JobId, index);
            partition.Status = PartitionStatus.Pending;
            partition.RetryAt = time.GetUtcNow() + Backoff(1);
        }
    }

    /// <summary>Asks partitions that run for a while whether their attempt still runs; a lost one is started again.</summary>
    private async Task CheckLivenessAsync()
    {
        var now = time.GetUtcNow();
        if (now - _lastLivenessCheck < options.Value.LivenessInterval)
        {
            return;
        }

        _lastLivenessCheck = now;
        var checks = Job.Partitions
            .Select((p, i) => (Partition: p, Index: i))
            .Where(x => x.Partition.Status == PartitionStatus.Running && now - x.Partition.StartedAt >= options.Value.LivenessInterval)
            .Select(async x => (x.Index, x.Partition, x.Partition.Attempt, Alive: await IsAliveAsync(x.Index, x.Partition.Attempt)))
            .ToList();
        foreach (var (index, partition, attempt, alive) in await Task.WhenAll(checks))
        {
            if (alive is null)
            {
                _unreachableSince.TryAdd((index, attempt), now);
            }
            else
            {
                _unreachableSince.Remove((index, attempt));
            }

            if (partition.Status != PartitionStatus.Running || partition.Attempt != attempt || Job.State != JobState.Running)
            {
                continue;
            }

            // A dead silo answers nothing until the cluster declares it dead (then the partition re-activates
            // elsewhere and answers false); a bounded wait covers the time in between.
            if (alive is false || (alive is null && now - _unreachableSince[(index, attempt)] >= options.Value.UnreachableAfter))
            {
                _unreachableSince.Remove((index, attempt));
                await OnAttemptFailedAsync(index, partition, alive is false ? "its silo stopped running it" : "its silo stopped answering", permanent: false, AttemptLoss.SiloLost);
            }
        }
    }

    private async Task<bool?> IsAliveAsync(int index, int attempt)
    {
        try
        {
            return await PartitionGrain(index, attempt).IsRunningAsync(attempt).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// A failed attempt is retried after a backoff; the job fails at the bounded number of failures. An attempt lost
    /// with its silo, or to a storage outage, is not the partition's fault: lost ones have a bound of their own, and
    /// the outage itself is bounded (see <see cref="PumpAsync"/>).
    /// </summary>
    private async Task OnAttemptFailedAsync(int index, PartitionRecord partition, string error, bool permanent, AttemptLoss loss)
    {
        switch (loss)
        {
            case AttemptLoss.StorageUnreachable:
                partition.StorageRetries++;
                _storageDownSince ??= time.GetUtcNow();
                _storageError = error;
                break;
            case AttemptLoss.SiloLost:
                partition.LostAttempts++;
                break;
            default:
                partition.Failures++;
                break;
        }

        var delay = Backoff(partition.Failures + partition.StorageRetries + partition.LostAttempts);
        LogAttemptFailed(logger, JobId, index, partition.Attempt, error, delay.TotalSeconds);
        string? reason = null;
        if (permanent)
        {
            reason = error;
        }
        else if (partition.Failures >= options.Value.MaxAttempts)
        {
            reason = $"partition {index} failed {partition.Failures} times; last: {error}";
        }
        else if (partition.LostAttempts >= options.Value.MaxLostAttempts)
        {
            reason = $"partition {index} was lost {partition.LostAttempts} times with its silo; last: {error}";
        }

        if (reason is not null)
        {
            await FinishAsync(JobState.Failed, reason);
            return;
        }

        partition.Status = PartitionStatus.Pending;
        partition.RetryAt = time.GetUtcNow() + delay;
        Job.Retries++;
        metrics.PartitionRetried();
        _dirty = true;
    }

    private TimeSpan Backoff(int retry) =>
        RetryBackoff.Delay(retry, options.Value.RetryFirstDelay, options.Value.RetryMaxDelay, Random.Shared.NextDouble());

    private async Task MergeAsync(CancellationToken cancellationToken)
    {
        using var span = OrleansProcActivities.StartMerge(JobId, Job.TraceParent);
        try
        {
            _result = await merger.MergeAsync(JobId, Job, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && StorageFaults.IsUnreachable(e))
        {
            _storageDownSince ??= time.GetUtcNow();
            _storageError = $"merging: {e.Message.Split('\n', 2)[0].Trim()}";
            var delay = Backoff(++_mergeFailures);
            _mergeRetryAt = time.GetUtcNow() + delay;
            LogMergeRetry(logger, JobId, delay.TotalSeconds, _storageError);
            return;
        }
        catch (ResultTooLargeException e)
        {
            await FinishAsync(JobState.Failed, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMergeFailed(logger, e, JobId);
            await FinishAsync(JobState.Failed, SecretText.Scrub($"merging the partial results failed: {e.Message}"));
            return;
        }

        _storageDownSince = null;
        await FinishAsync(JobState.Completed, null);
    }

    private async Task FinishAsync(JobState final, string? error)
    {
        var running = Job.Partitions.Select((p, i) => (p, i)).Where(x => x.p.Status == PartitionStatus.Running).Select(x => x.i).ToList();
        Job.State = final;
        Job.Error = error;
        Job.FinishedAt = time.GetUtcNow();
        metrics.JobFinished(final, Job.FinishedAt.Value - Job.SubmittedAt);
        _dirty = true;
        LogFinished(logger, JobId, final, error);
        await TrySaveAsync();
        _finished.TrySetResult();

        await Task.WhenAll(running.Select(async i =>
        {
            try
            {
                await PartitionGrain(i, Job.Partitions[i].Attempt).StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStopFailed(logger, e, JobId, i);
            }
        }));

        try
        {
            await merger.DeletePartialsAsync(JobId);
            if (final != JobState.Completed && Job.OutputDataset is { } output)
            {
                await merger.DeleteOutputAsync(output);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCleanupFailed(logger, e, JobId);
        }

        // A partition that was uploading when it was told to stop, or a presumed-dead attempt that went on, may land
        // its partial after the cleanup above.
        _secondCleanup ??= this.RegisterGrainTimer(
            SecondCleanupAsync,
            new GrainTimerCreationOptions(options.Value.SecondCleanupAfter, Timeout.InfiniteTimeSpan) { KeepAlive = true });

        try
        {
            if (_keepAlive && await this.GetReminder(KeepAliveReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCleanupFailed(logger, e, JobId); // the reminder unregisters itself when it next fires
        }

        await TryRecordInDirectoryAsync();
        if (_dirty || _directoryStale)
        {
            StartPump(); // retries the writes that failed (storage unreachable), then stops
        }
        else
        {
            _pump?.Dispose();
            _pump = null;
        }
    }

    private async Task SecondCleanupAsync(CancellationToken cancellationToken)
    {
        try
        {
            await merger.DeletePartialsAsync(JobId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCleanupFailed(logger, e, JobId);
        }
    }

    /// <summary>Stores the state; when storage cannot take it, keeps it dirty and tries again after a backoff (never lost).</summary>
    private async Task TrySaveAsync()
    {
        try
        {
            await WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var delay = Backoff(++_saveFailures);
            _saveRetryAt = time.GetUtcNow() + delay;
            if (StorageFaults.IsUnreachable(e))
            {
                _storageDownSince ??= time.GetUtcNow();
                _storageError = $"saving the job's state: {e.Message.Split('\n', 2)[0].Trim()}";
            }

            LogSaveFailed(logger, JobId, delay.TotalSeconds, e.Message.Split('\n', 2)[0].Trim());
            return;
        }

        if (_saveFailures > 0)
        {
            LogSavedAgain(logger, JobId, _saveFailures);
        }

        _dirty = false;
        _lastSave = time.GetUtcNow();
        _saveFailures = 0;
        _saveRetryAt = default;
        _storageDownSince = null;
    }

    /// <summary>
    /// Writes the state. A write that failed for this activation during a storage outage may still have landed, and
    /// then the stored ETag has moved on and every later write is refused as a conflict: this activation is the job's
    /// only writer, so it takes the stored ETag and writes its state again.
    /// </summary>
    private async Task WriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            LogStateConflict(logger, JobId, e.Message.Split('\n', 2)[0].Trim());
            var mine = state.State;
            try
            {
                await state.ReadStateAsync();
            }
            finally
            {
                state.State = mine;
            }

            await state.WriteStateAsync();
        }
    }

    /// <summary>Records the job in the directory (for `job list`); when that fails, the pump tries again.</summary>
    private async Task TryRecordInDirectoryAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IJobDirectoryGrain>("default").RecordAsync(new JobSummary
            {
                JobId = JobId,
                Description = Job.Spec?.Describe() ?? string.Empty,
                State = Job.State,
                SubmittedAt = Job.SubmittedAt,
                FinishedAt = Job.FinishedAt,
            }).WaitAsync(options.Value.CallTimeout);
            _directoryStale = false;
            _directoryFailures = 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _directoryStale = true;
            var delay = Backoff(++_directoryFailures);
            _directoryRetryAt = time.GetUtcNow() + delay;
            LogDirectoryFailed(logger, JobId, delay.TotalSeconds, e.Message.Split('\n', 2)[0].Trim());
        }
    }

    private IPartitionGrain PartitionGrain(int index, int attempt) => GrainFactory.GetGrain<IPartitionGrain>($"{JobId}/{index}/{attempt}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} submitted, running over dataset {Dataset}: {Partitions} partitions")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string dataset, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} merging the partials of {Partitions} partitions")]
    private static partial void LogMerging(ILogger logger, string jobId, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resumed from its stored state ({State}): {Done} of {Total} partitions done, {Running} were running")]
    private static partial void LogResumed(ILogger logger, string jobId, JobState state, int done, int total, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ended {State} {Error}")]
    private static partial void LogFinished(ILogger logger, string jobId, JobState state, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index} attempt {Attempt} failed: {Error}; retry in {Delay:F1} s")]
    private static partial void LogAttemptFailed(ILogger logger, string jobId, int index, int attempt, string error, double delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} partition {Index}: wrong quote-state guess, running it again")]
    private static partial void LogQuoteGuessWrong(ILogger logger, string jobId, int index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} partition {Index}: ignored a late report of attempt {Attempt} (the current attempt is {Current})")]
    private static partial void LogStaleReport(ILogger logger, string jobId, int index, int attempt, int current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index}: start failed, will retry")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string jobId, int index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index}: stop failed")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string jobId, int index);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: merge failed")]
    private static partial void LogMergeFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: cleanup failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: storage unreachable while merging, retry in {Delay:F1} s: {Error}")]
    private static partial void LogMergeRetry(ILogger logger, string jobId, double delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: registering the keep-alive reminder failed, will retry: {Error}")]
    private static partial void LogReminderFailed(ILogger logger, string jobId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: saving its state failed, retry in {Delay:F1} s: {Error}")]
    private static partial void LogSaveFailed(ILogger logger, string jobId, double delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: its stored state changed under it ({Error}); writing it again over the stored ETag")]
    private static partial void LogStateConflict(ILogger logger, string jobId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: state saved again after {Failures} failed saves")]
    private static partial void LogSavedAgain(ILogger logger, string jobId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: recording it in the job directory failed, retry in {Delay:F1} s: {Error}")]
    private static partial void LogDirectoryFailed(ILogger logger, string jobId, double delay, string error);
}
