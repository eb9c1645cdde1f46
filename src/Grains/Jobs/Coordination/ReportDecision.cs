namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>
/// What a partition's report changed. <see cref="Failure"/>: the attempt failed (retried, or the job ends).
/// Otherwise the partition is done (or suspect) and <see cref="QuoteReruns"/> are the partitions scanned under a wrong
/// quote-state guess, to run again. <see cref="End"/>: the job ends (from the failure, or a confirmed bad record).
/// </summary>
public sealed record ReportDecision(ReportKind Kind, AttemptFailure? Failure, IReadOnlyList<int> QuoteReruns, JobEnd? End)
{
    /// <summary>
    /// The input changed since the job was planned and the job takes a new snapshot (--snapshot retry): plan it
    /// again from the start (the reason), then <see cref="JobCoordinator.OnReplanned"/>.
    /// </summary>
    public string? Replan { get; init; }

    /// <summary>The other attempt of a partition whose speculative pair just finished: to be stopped, its output never committed.</summary>
    public PartitionAttempt? Stop { get; init; }

    /// <summary>A report that changed nothing.</summary>
    public static ReportDecision Dropped(ReportKind kind) => new(kind, null, [], null);
}
