using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>
/// The scheduling policy of one job, with no Orleans in it: which partitions start now (within the fan-out window,
/// after their retry backoff), what a report or a liveness answer changes, when a failure or a storage outage ends the
/// job, and when the coordinator's own writes (state, merge, directory) are due or retried. It keeps the job's
/// <see cref="JobRecord"/> up to date; the grain carries its decisions out (grain calls, writes, timers) and tells it
/// how they went. One instance per activation: what it holds besides the record (save and retry times, outage start)
/// starts afresh with the activation, as before.
/// </summary>
/// <param name="job">The job's state; changed in place.</param>
/// <param name="options">The job options.</param>
/// <param name="time">The clock.</param>
/// <param name="random">Numbers in [0, 1) for the jitter of backoffs.</param>
public sealed class JobCoordinator(JobRecord job, JobOptions options, TimeProvider time, Func<double> random)
{
    /// <summary>The state is stored at most this often while the job runs (its end is stored at once).</summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);

    /// <summary>A job still running this long after its submit gets the keep-alive reminder (short jobs never touch the reminder table).</summary>
    public static readonly TimeSpan KeepAliveAfter = TimeSpan.FromSeconds(2);

    private readonly Dictionary<(int Index, int Attempt), DateTimeOffset> _unreachableSince = [];
    private DateTimeOffset _lastSave;
    private DateTimeOffset _lastLivenessCheck;

    // Storage outages: since when nothing reached storage (partitions and the coordinator's own writes), and the last error.
    private DateTimeOffset? _storageDownSince;
    private int _planReadFailures;
    private readonly RetrySchedule _saves = new();
    private readonly RetrySchedule _merges = new();
    private readonly RetrySchedule _directory = new();

    /// <summary>The job's state, as this coordinator changes it.</summary>
    public JobRecord Job => job;

    /// <summary>The job is running or merging.</summary>
    public bool IsActive => job.State is JobState.Running or JobState.Merging;

    /// <summary>The state changed since it was last stored.</summary>
    public bool IsDirty { get; private set; }

    /// <summary>The job directory does not have the job's latest summary (a write to it failed).</summary>
    public bool IsDirectoryStale { get; private set; }

    /// <summary>The last error of the current storage outage, or null.</summary>
    public string? StorageError { get; private set; }

    /// <summary>True while the pump has work: the job is active, or a write of the coordinator is still to be retried.</summary>
    public bool HasWork => IsActive || IsDirty || IsDirectoryStale || IsCleanUpDue;

    /// <summary>The job ended but what its end stops and deletes is not done yet (also after a crash in between).</summary>
    public bool IsCleanUpDue => job.State is JobState.Completed or JobState.Failed or JobState.Cancelled && !job.CleanedUp;

    /// <summary>How many more partitions the window takes now.</summary>
    public int Room => options.MaxPartitionsInFlight - job.Partitions.Count(p => p.Status == PartitionStatus.Running);

    /// <summary>True when a bad record in this range may come from a wrong quote-state guess: checked before failing.</summary>
    public static bool IsCheckableRange(IReadOnlyList<SliceSpec> slices, PartitionReport report) =>
        report.SliceQuoteCounts.Count == 1 && slices is [{ RangeStart: > 0 }];

    /// <summary>A partition's slices as planned, its first starting in the quote state the job now assumes.</summary>
    public static IReadOnlyList<SliceSpec> SlicesOf(IReadOnlyList<SliceSpec> planned, PartitionRecord partition) =>
        (partition.StartsInsideQuotes || partition.StartsInUnquotedField) && planned is [var only]
            ? [only with { StartsInsideQuotes = partition.StartsInsideQuotes, StartsInUnquotedField = partition.StartsInUnquotedField }]
            : planned;

    /// <summary>The keep-alive reminder (it re-activates a coordinator whose silo died) is to be registered now.</summary>
    /// <param name="registered">This activation has it (or a previous one may have).</param>
    public bool IsKeepAliveDue(bool registered) => !registered && IsActive && time.GetUtcNow() - job.SubmittedAt >= KeepAliveAfter;

    /// <summary>
    /// When the job is running and every partition is done, moves it to merging (stored before the merge writes beside
    /// the state, so that only an activation in charge writes; one that resumes a merging job merges again).
    /// </summary>
    public bool TryBeginMerge()
    {
        if (job.State != JobState.Running || !job.Partitions.All(p => p.Status == PartitionStatus.Done))
        {
            return false;
        }

        job.State = JobState.Merging;
        return true;
    }

    /// <summary>Starts pending partitions whose backoff passed, in index order, as many as the window takes.</summary>
    public IReadOnlyList<PartitionStart> StartPending(IReadOnlyList<IReadOnlyList<SliceSpec>> plan)
    {
        var room = Room;
        var starts = new List<PartitionStart>();
        if (job.State != JobState.Running)
        {
            return starts;
        }

        var now = time.GetUtcNow();
        for (var i = 0; i < job.Partitions.Count && starts.Count < room; i++)
        {
            var partition = job.Partitions[i];
            if (partition.Status != PartitionStatus.Pending || partition.RetryAt > now)
            {
                continue;
            }

            partition.Attempt = NextAttempt(partition);
            partition.Epoch = job.Epoch;
            partition.SpeculativeAttempt = 0;
            partition.Status = PartitionStatus.Running;
            partition.StartedAt = now;
            partition.FinishedAt = null;
            starts.Add(new PartitionStart(i, partition.Attempt, SlicesOf(plan[i], partition)));
        }

        IsDirty |= starts.Count > 0;
        return starts;
    }

    /// <summary>
    /// A start call failed (the silo did not take it): the next attempt is placed afresh after a backoff, up to
    /// <see cref="JobOptions.MaxStartFailures"/> times, then the job ends (returned). A failed speculative copy is dropped.
    /// </summary>
    public JobEnd? OnStartFailed(PartitionStart start, string error)
    {
        ArgumentNullException.ThrowIfNull(start);
        var partition = job.Partitions[start.Index];
        IsDirty = true;
        if (start.Speculative)
        {
            partition.SpeculativeAttempt = partition.SpeculativeAttempt == start.Attempt ? 0 : partition.SpeculativeAttempt;
            return null;
        }

        if (partition.Status != PartitionStatus.Running || partition.Attempt != start.Attempt || !IsActive)
        {
            return null;
        }

        partition.StartFailures++;
        if (partition.StartFailures >= options.MaxStartFailures)
        {
            return Finish(JobState.Failed, $"partition {start.Index} could not be started {partition.StartFailures} times (no silo took it): {error}");
        }

        if (job.Retries >= options.MaxJobRetries)
        {
            return Finish(JobState.Failed, JobBudgetSpent(start.Index, error));
        }

        job.Retries++;
        partition.Status = PartitionStatus.Pending;
        partition.RetryAt = time.GetUtcNow() + Backoff(partition.StartFailures);
        return null;
    }

    /// <summary>
    /// Starts speculative copies of stragglers (see <see cref="SpeculationPolicy"/>), each on a new attempt number; the
    /// first of the two attempts to finish counts.
    /// </summary>
    public IReadOnlyList<PartitionStart> StartSpeculative(IReadOnlyList<IReadOnlyList<SliceSpec>> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!options.Speculation || job.State != JobState.Running)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var done = job.Partitions.Where(p => p.Status == PartitionStatus.Done && p.FinishedAt is not null).Select(p => p.FinishedAt!.Value - p.StartedAt).ToList();
        var running = job.Partitions
            .Select((p, i) => (Partition: p, Index: i))
            .Where(x => x.Partition.Status == PartitionStatus.Running && x.Partition.SpeculativeAttempt == 0)
            .Select(x => (x.Index, now - x.Partition.StartedAt))
            .ToList();
        var starts = new List<PartitionStart>();
        foreach (var index in SpeculationPolicy.Of(options).Stragglers(job.Partitions.Count, done, running))
        {
            var partition = job.Partitions[index];
            partition.SpeculativeAttempt = NextAttempt(partition);
            partition.SpeculativeEpoch = job.Epoch;
            partition.SpeculativeStartedAt = now;
            starts.Add(new PartitionStart(index, partition.SpeculativeAttempt, SlicesOf(plan[index], partition)) { Speculative = true });
        }

        IsDirty |= starts.Count > 0;
        return starts;
    }

    /// <summary>
    /// Attempts that ran longer than the job's partition timeout (--partition-timeout, else
    /// <see cref="JobOptions.DefaultPartitionTimeout"/>): a timed-out attempt fails (and is retried, or ends the job) and
    /// is stopped; a timed-out speculative copy is stopped and dropped.
    /// </summary>
    public IReadOnlyList<AttemptFailure> CheckTimeouts()
    {
        var failures = new List<AttemptFailure>();
        if (job.State != JobState.Running)
        {
            return failures;
        }

        var now = time.GetUtcNow();
        var timeout = job.Spec?.PartitionTimeout ?? options.DefaultPartitionTimeout;
        for (var i = 0; i < job.Partitions.Count && job.State == JobState.Running; i++)
        {
            var partition = job.Partitions[i];
            if (partition.Status != PartitionStatus.Running)
            {
                continue;
            }

            var error = $"its attempt ran longer than the partition timeout of {timeout.TotalSeconds:F0} s (--partition-timeout)";
            if (partition.SpeculativeAttempt != 0 && now - partition.SpeculativeStartedAt >= timeout)
            {
                var copy = new PartitionAttempt(i, partition.SpeculativeAttempt);
                partition.SpeculativeAttempt = 0;
                IsDirty = true;
                failures.Add(new AttemptFailure(i, copy.Attempt, error, TimeSpan.Zero, null) { Stop = copy });
            }

            if (now - partition.StartedAt >= timeout)
            {
                var attempt = new PartitionAttempt(i, partition.Attempt);
                failures.Add(OnAttemptFailed(i, error, permanent: false, AttemptLoss.Failed) with { Stop = attempt });
            }
        }

        return failures;
    }

    /// <summary>Whether a report counts: only the running attempt's, while the job runs.</summary>
    public ReportKind Classify(PartitionReport report)
    {
        if (job.State != JobState.Running || report.Index < 0 || report.Index >= job.Partitions.Count)
        {
            return ReportKind.Ignored;
        }

        var partition = job.Partitions[report.Index];
        return partition.Status == PartitionStatus.Running && (IsMain(partition, report) || IsCopy(partition, report)) ? ReportKind.Current : ReportKind.Stale;
    }

    /// <summary>The report is of the partition's counted attempt, as started by the epoch that started it.</summary>
    private static bool IsMain(PartitionRecord partition, PartitionReport report) => partition.Attempt == report.Attempt && partition.Epoch == report.Epoch;

    /// <summary>The report is of the partition's speculative copy.</summary>
    private static bool IsCopy(PartitionRecord partition, PartitionReport report) =>
        partition.SpeculativeAttempt != 0 && partition.SpeculativeAttempt == report.Attempt && partition.SpeculativeEpoch == report.Epoch;

    /// <summary>
    /// Takes a partition's report: a failure is retried or ends the job; a success (or a suspect bad record) is
    /// recorded, the quote-state guesses of complete cut blobs checked (wrong ones run again), and a confirmed bad
    /// record ends the job.
    /// </summary>
    public ReportDecision OnReport(PartitionReport report, IReadOnlyList<IReadOnlyList<SliceSpec>> plan)
    {
        var kind = Classify(report);
        if (kind != ReportKind.Current)
        {
            return ReportDecision.Dropped(kind);
        }

        if (!report.Succeeded && report.InputChanged)
        {
            return InputSnapshots.OnChanged(this, report);
        }

        var partition = job.Partitions[report.Index];
        if (!report.Succeeded && !report.Permanent && IsCopy(partition, report))
        {
            partition.SpeculativeAttempt = 0; // the copy failed: the attempt it copies goes on
            IsDirty = true;
            return ReportDecision.Dropped(kind);
        }

        if (!report.Succeeded && !(report.Permanent && IsCheckableRange(plan[report.Index], report)))
        {
            var loss = report.StorageUnreachable ? AttemptLoss.StorageUnreachable : AttemptLoss.Failed;
            var failure = OnAttemptFailed(report.Index, report.Error ?? "unknown error", report.Permanent, loss);
            return new ReportDecision(kind, failure, [], failure.End);
        }

        _storageDownSince = null;
        PartitionAttempt? loser = null;
        if (partition.SpeculativeAttempt != 0)
        {
            // The first of the two attempts to finish counts (its partial and output blocks); the other is stopped.
            if (IsCopy(partition, report))
            {
                loser = new PartitionAttempt(report.Index, partition.Attempt);
                Promote(partition);
            }
            else
            {
                loser = new PartitionAttempt(report.Index, partition.SpeculativeAttempt);
                partition.SpeculativeAttempt = 0;
            }
        }

        partition.Status = report.Succeeded ? PartitionStatus.Done : PartitionStatus.Suspect;
        partition.Partial = report.Succeeded && report.PartialOnlyInReport ? Convert.ToBase64String(report.InlinePartial.Span) : null; // stored with the Done it belongs to
        partition.OutputBlocks = report.OutputBlocks;
        partition.RetryAt = null;
        partition.Error = report.Error;
        partition.Rows = report.Rows;
        partition.Bytes = report.Bytes;
        partition.BadRecords = report.BadRecords;
        partition.RowGroupsSkipped = report.RowGroupsSkipped;
        partition.QuoteCount = report.SliceQuoteCounts is [var quotes] ? quotes : null;
        partition.QuoteTransfer = report.SliceQuoteTransfers is [var transfer and >= 0] ? transfer : null;
        partition.Silo = report.Silo;
        partition.FinishedAt = time.GetUtcNow();
        foreach (var sample in report.BadRecordSamples.Take(Math.Max(0, 5 - job.BadRecordSamples.Count)))
        {
            job.BadRecordSamples.Add(sample);
        }

        var reruns = new List<int>();
        foreach (var (index, startsInside, startsInUnquoted) in QuoteStateCheck.FindWrongGuesses(plan, job.Partitions))
        {
            var wrong = job.Partitions[index];
            wrong.StartsInsideQuotes = startsInside;
            wrong.StartsInUnquotedField = startsInUnquoted;
            wrong.Status = PartitionStatus.Pending;
            wrong.Partial = null;
            wrong.Error = null;
            job.Retries++;
            reruns.Add(index);
        }

        IsDirty = true;
        var end = QuoteStateCheck.ConfirmedFailures(plan, job.Partitions).FirstOrDefault(-1) is var failed and >= 0
            ? Finish(JobState.Failed, job.Partitions[failed].Error)
            : null;
        return new ReportDecision(kind, null, reruns, end) { Stop = loser };
    }

    /// <summary>
    /// The running attempts to ask whether they still run: those started at least a liveness interval ago, once per
    /// interval (empty in between).
    /// </summary>
    public IReadOnlyList<PartitionAttempt> DueLivenessChecks()
    {
        var now = time.GetUtcNow();
        if (job.State != JobState.Running || now - _lastLivenessCheck < options.LivenessInterval)
        {
            return [];
        }

        _lastLivenessCheck = now;
        var running = job.Partitions.Select((p, i) => (Partition: p, Index: i)).Where(x => x.Partition.Status == PartitionStatus.Running).ToList();
        return running
            .Where(x => now - x.Partition.StartedAt >= options.LivenessInterval)
            .Select(x => new PartitionAttempt(x.Index, x.Partition.Attempt))
            .Concat(running
                .Where(x => x.Partition.SpeculativeAttempt != 0 && now - x.Partition.SpeculativeStartedAt >= options.LivenessInterval)
                .Select(x => new PartitionAttempt(x.Index, x.Partition.SpeculativeAttempt)))
            .ToList();
    }

    /// <summary>
    /// What the answers to <see cref="DueLivenessChecks"/> conclude (true: it runs; false: its silo stopped running
    /// it; null: unreachable). An attempt that stopped, or stayed unreachable for <see cref="JobOptions.UnreachableAfter"/>
    /// (a dead silo answers nothing until the cluster declares it dead), is lost and started again.
    /// </summary>
    public IReadOnlyList<AttemptFailure> OnLivenessAnswers(IReadOnlyList<(PartitionAttempt Check, bool? Running)> answers)
    {
        var now = _lastLivenessCheck; // the time of the check, as the answers came from it
        var failures = new List<AttemptFailure>();
        foreach (var ((index, attempt), running) in answers)
        {
            if (running is null)
            {
                _unreachableSince.TryAdd((index, attempt), now);
            }
            else
            {
                _unreachableSince.Remove((index, attempt));
            }

            var partition = job.Partitions[index];
            var lost = running is false || (running is null && now - _unreachableSince[(index, attempt)] >= options.UnreachableAfter);
            if (lost && partition.Status == PartitionStatus.Running && partition.SpeculativeAttempt == attempt)
            {
                _unreachableSince.Remove((index, attempt));
                partition.SpeculativeAttempt = 0; // a lost copy is dropped: the attempt it copies goes on
                IsDirty = true;
                continue;
            }

            if (partition.Status != PartitionStatus.Running || partition.Attempt != attempt || job.State != JobState.Running)
            {
                continue;
            }

            if (running is false || (running is null && now - _unreachableSince[(index, attempt)] >= options.UnreachableAfter))
            {
                _unreachableSince.Remove((index, attempt));
                var error = running is false ? "its silo stopped running it" : "its silo stopped answering";
                failures.Add(OnAttemptFailed(index, error, permanent: false, AttemptLoss.SiloLost));
            }
        }

        return failures;
    }

    /// <summary>
    /// A failed attempt is retried after a backoff; the job fails at the bounded number of failures. An attempt lost
    /// with its silo, or to a storage outage, is not the partition's fault: lost ones have a bound of their own, and
    /// the outage itself is bounded (see <see cref="CheckStorageOutage"/>).
    /// </summary>
    public AttemptFailure OnAttemptFailed(int index, string error, bool permanent, AttemptLoss loss)
    {
        var partition = job.Partitions[index];
        switch (loss)
        {
            case AttemptLoss.StorageUnreachable:
                partition.StorageRetries++;
                _storageDownSince ??= time.GetUtcNow();
                StorageError = error;
                break;
            case AttemptLoss.SiloLost:
                partition.LostAttempts++;
                break;
            default:
                partition.Failures++;
                break;
        }

        var delay = Backoff(partition.Failures + partition.StorageRetries + partition.LostAttempts);
        string? reason = null;
        if (permanent)
        {
            reason = error;
        }
        else if (partition.Failures >= options.MaxAttempts)
        {
            reason = $"partition {index} failed {partition.Failures} times: {error}";
        }
        else if (partition.StorageRetries >= options.MaxStorageRetries)
        {
            reason = $"partition {index} failed {partition.StorageRetries} times with storage errors: {error}";
        }
        else if (partition.LostAttempts >= options.MaxLostAttempts)
        {
            reason = $"partition {index} was lost {partition.LostAttempts} times with its silo: {error}";
        }
        else if (job.Retries >= options.MaxJobRetries)
        {
            reason = JobBudgetSpent(index, error);
        }

        var failed = partition.Attempt;
        if (reason is not null)
        {
            return new AttemptFailure(index, failed, error, delay, Finish(JobState.Failed, reason));
        }

        if (partition.SpeculativeAttempt != 0)
        {
            // Its speculative copy still runs: it becomes the counted attempt instead of a new start.
            Promote(partition);
            job.Retries++;
            IsDirty = true;
            return new AttemptFailure(index, failed, error, TimeSpan.Zero, null);
        }

        partition.Status = PartitionStatus.Pending;
        partition.RetryAt = time.GetUtcNow() + delay;
        job.Retries++;
        IsDirty = true;
        return new AttemptFailure(index, partition.Attempt, error, delay, null);
    }

    /// <summary>The plan blob could not be read (storage errors): the job ends at <see cref="JobOptions.MaxStorageRetries"/> of them in a row.</summary>
    public JobEnd? OnPlanUnreadable(string error)
    {
        _storageDownSince ??= time.GetUtcNow();
        StorageError = $"reading the job's plan: {error}";
        return ++_planReadFailures >= options.MaxStorageRetries
            ? Finish(JobState.Failed, $"the job's plan could not be read {_planReadFailures} times: {error}")
            : null;
    }

    /// <summary>Ends the job when storage stayed unreachable longer than <see cref="JobOptions.StorageOutageLimit"/>.</summary>
    public JobEnd? CheckStorageOutage()
    {
        if (!IsActive || _storageDownSince is not { } since || time.GetUtcNow() - since < options.StorageOutageLimit)
        {
            return null;
        }

        var seconds = (time.GetUtcNow() - since).TotalSeconds;
        return Finish(
            JobState.Failed,
            $"storage was unreachable for {seconds:F0} s (since {since:HH:mm:ss} UTC), longer than the limit of " +
            $"{options.StorageOutageLimit.TotalSeconds:F0} s (ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS); last error: {StorageError}");
    }

    /// <summary>
    /// The job was planned again over its dataset as it is now (<paramref name="planned"/>, the planner's fresh record):
    /// every partition pending again, the old plan's work discarded. Attempt numbers go on from the highest of the old
    /// plan, so a late report or partial of an old attempt is never taken for a new one's.
    /// </summary>
    public void OnReplanned(JobRecord planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var lastAttempt = job.Partitions.Select(p => Math.Max(p.Attempt, p.Attempts)).DefaultIfEmpty(0).Max();
        foreach (var partition in planned.Partitions)
        {
            partition.Attempt = lastAttempt;
        }

        job.Replans++;
        job.Partitions = planned.Partitions;
        job.BytesTotal = planned.BytesTotal;
        job.Plan = planned.Plan;
        job.Slices = planned.Slices;
        job.BadRecordSamples.Clear();
        _unreachableSince.Clear();
        IsDirty = true;
    }

    /// <summary>Ends the job by the user's request; null when it had already ended.</summary>
    public JobEnd? Cancel() => IsActive ? Finish(JobState.Cancelled, "cancelled by the user") : null;

    /// <summary>Ends the job: records its final state, error and end time (to be stored at once).</summary>
    public JobEnd Finish(JobState final, string? error)
    {
        job.State = final;
        job.Error = error;
        job.FinishedAt = time.GetUtcNow();
        foreach (var partition in job.Partitions)
        {
            partition.Partial = null; // merged (or no longer wanted): the end is stored without them
        }

        IsDirty = true;
        return new JobEnd(final, error);
    }

    /// <summary>The attempts still running, speculative copies too (to stop when the job ends).</summary>
    public IReadOnlyList<PartitionAttempt> RunningAttempts() =>
        job.Partitions
            .Select((p, i) => (p, i))
            .Where(x => x.p.Status == PartitionStatus.Running)
            .SelectMany(x => x.p.SpeculativeAttempt != 0
                ? new[] { new PartitionAttempt(x.i, x.p.Attempt), new PartitionAttempt(x.i, x.p.SpeculativeAttempt) }
                : [new PartitionAttempt(x.i, x.p.Attempt)])
            .ToList();

    /// <summary>What the end stopped and deleted is done: stored so that a reactivated coordinator does not do it again.</summary>
    public void OnCleanedUp()
    {
        job.CleanedUp = true;
        IsDirty = true;
    }

    /// <summary>The merge is due: the job is merging and the backoff after a failed merge passed.</summary>
    public bool IsMergeDue => job.State == JobState.Merging && time.GetUtcNow() >= _merges.RetryAt;

    /// <summary>
    /// The merge could not reach storage: tried again after the returned backoff while the outage lasts, up to
    /// <see cref="JobOptions.MaxMergeFailures"/> failures, then the job ends (the returned end).
    /// </summary>
    public (TimeSpan Delay, JobEnd? End) OnMergeUnreachable(string error)
    {
        _storageDownSince ??= time.GetUtcNow();
        StorageError = $"merging: {error}";
        job.MergeFailures++;
        IsDirty = true;
        return job.MergeFailures >= options.MaxMergeFailures
            ? (TimeSpan.Zero, Finish(JobState.Failed, $"merging the partial results failed {job.MergeFailures} times with storage errors: {error}"))
            : (_merges.Fail(time.GetUtcNow(), Backoff), null);
    }

    /// <summary>The result is stored: the job completed.</summary>
    public JobEnd OnMerged()
    {
        _storageDownSince = null;
        return Finish(JobState.Completed, null);
    }

    /// <summary>A save is due: the state changed, the last save is a save interval old, and the backoff after a failed save passed.</summary>
    public bool IsSaveDue
    {
        get
        {
            var now = time.GetUtcNow();
            return IsDirty && now - _lastSave >= SaveInterval && now >= _saves.RetryAt;
        }
    }

    /// <summary>The backoff after a failed save passed (a write may be tried now).</summary>
    public bool CanSave => time.GetUtcNow() >= _saves.RetryAt;

    /// <summary>The state was stored. Returns the failed saves before it (0 when none).</summary>
    public int OnSaved()
    {
        IsDirty = false;
        _lastSave = time.GetUtcNow();
        _storageDownSince = null;
        return _saves.Succeed();
    }

    /// <summary>Storing the state failed: it stays dirty and is tried again after the returned backoff (never lost).</summary>
    /// <param name="error">The error's first line.</param>
    /// <param name="unreachable">Storage was unreachable (the outage clock runs).</param>
    public TimeSpan OnSaveFailed(string error, bool unreachable)
    {
        var delay = _saves.Fail(time.GetUtcNow(), Backoff);
        if (unreachable)
        {
            _storageDownSince ??= time.GetUtcNow();
            StorageError = $"saving the job's state: {error}";
        }

        return delay;
    }

    /// <summary>A write to the job directory is due: the last one failed and its backoff passed.</summary>
    public bool IsDirectoryDue => IsDirectoryStale && time.GetUtcNow() >= _directory.RetryAt;

    /// <summary>The job directory has the job's latest summary.</summary>
    public void OnDirectoryRecorded()
    {
        IsDirectoryStale = false;
        _directory.Succeed();
    }

    /// <summary>Writing to the job directory failed: tried again after the returned backoff.</summary>
    public TimeSpan OnDirectoryFailed()
    {
        IsDirectoryStale = true;
        return _directory.Fail(time.GetUtcNow(), Backoff);
    }

    /// <summary>A new attempt number for the partition: one past any given out before (main or speculative).</summary>
    private static int NextAttempt(PartitionRecord partition) => partition.Attempts = Math.Max(partition.Attempt, partition.Attempts) + 1;

    /// <summary>Makes the speculative copy the partition's counted attempt.</summary>
    private static void Promote(PartitionRecord partition)
    {
        partition.Attempt = partition.SpeculativeAttempt;
        partition.Epoch = partition.SpeculativeEpoch;
        partition.StartedAt = partition.SpeculativeStartedAt;
        partition.SpeculativeAttempt = 0;
    }

    private string JobBudgetSpent(int index, string error) =>
        $"the job's partitions were retried {job.Retries} times, its limit (MaxJobRetries); last: partition {index}: {error}";

    private TimeSpan Backoff(int retry) => RetryBackoff.Delay(retry, options.RetryFirstDelay, options.RetryMaxDelay, random());
}
