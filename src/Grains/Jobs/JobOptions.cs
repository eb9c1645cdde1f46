using System.ComponentModel.DataAnnotations;

namespace OrleansProc.Grains.Jobs;

/// <summary>How a coordinator runs its job.</summary>
public sealed class JobOptions
{
    /// <summary>Partitions a job keeps started at once (the fan-out window). Default 32.</summary>
    [Range(1, 10_000)]
    public int MaxPartitionsInFlight { get; set; } = 32;

    /// <summary>Failed attempts after which a partition fails its job. Default 3.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Attempts of one partition lost with their silo (died, or stopped answering) after which the job fails: such
    /// losses are not the partition's fault, but a cluster that keeps losing them is not healthy. Default 10.
    /// </summary>
    [Range(1, 1000)]
    public int MaxLostAttempts { get; set; } = 10;

    /// <summary>How often the coordinator asks running partitions whether they still run (a lost silo). Default 5 s.</summary>
    public TimeSpan LivenessInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a running partition may stay unreachable (its silo dead but not yet declared dead: calls fail or time
    /// out) before its attempt is counted as lost and started again elsewhere. Default 20 s.
    /// </summary>
    public TimeSpan UnreachableAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long the coordinator waits on a start call to a partition (then the attempt is given up and a new one placed
    /// afresh) or on the job directory (then it tries again later). Default 10 s.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay before a partition's first retry, doubled at each further one (with jitter). Default 1 s.</summary>
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between retries of a partition, or of the coordinator's own storage writes. Default 15 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long storage may stay unreachable (every partition and the coordinator's writes failing to reach it) before
    /// the job fails saying so; until then the job waits and retries. Default 3 min (ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS).
    /// </summary>
    public TimeSpan StorageOutageLimit { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>After a job is cancelled or failed, when its partials are deleted once more (a partition that uploaded late). Default 10 s.</summary>
    public TimeSpan SecondCleanupAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most rows a job's result may have (ORLEANSPROC_MAX_RESULT_ROWS; default 1,000,000): the result is one blob that
    /// the client reads whole, so a GROUP BY or ORDER BY with more rows fails the job naming the limit. A transform's rows
    /// go to its output dataset and do not count.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxResultRows { get; set; } = DefaultMaxResultRows;

    /// <summary>
    /// The most bytes (about: the text of its cells) of a result sent to a client in one message. Default 4 MiB; a larger
    /// result goes as its first rows and the name of its blob (<see cref="Contracts.Jobs.JobResult.ResultBlob"/>),
    /// which the client reads from storage.
    /// </summary>
    [Range(1024, int.MaxValue)]
    public int MaxResultMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The default <see cref="MaxResultRows"/>.</summary>
    public const int DefaultMaxResultRows = 1_000_000;

    /// <summary>
    /// The most input bytes a joined dataset may have to be broadcast: read whole by every silo that runs a partition
    /// of the job and hashed in memory (ORLEANSPROC_BROADCAST_LIMIT; default 64 MiB; a job's --broadcast-limit wins).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long BroadcastLimit { get; set; } = Engine.Sql.SqlProcessorOptions.DefaultBroadcastLimit;

    /// <summary>The smallest partition size a job may ask for. Default 1 KiB.</summary>
    [Range(1, long.MaxValue)]
    public long MinPartitionSize { get; set; } = 1024;

    /// <summary>
    /// Attempts of one partition that may fail with a storage error (5xx, throttling, timeouts: what a storage outage
    /// looks like) before the job fails naming the partition. A real outage is bounded by
    /// <see cref="StorageOutageLimit"/> first; this bounds a blob that keeps failing while the rest of storage answers.
    /// Default 20 (with the backoff capped at <see cref="RetryMaxDelay"/>, some 4 minutes of retries).
    /// </summary>
    [Range(1, 1000)]
    public int MaxStorageRetries { get; set; } = 20;

    /// <summary>Start calls of one partition that may fail (no silo takes it) before the job fails. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxStartFailures { get; set; } = 10;

    /// <summary>Merges that may fail with a storage error before the job fails. Default 20.</summary>
    [Range(1, 1000)]
    public int MaxMergeFailures { get; set; } = 20;

    /// <summary>
    /// Retries of all partitions of one job together (failures, storage errors, failed starts, lost attempts, timeouts)
    /// before the job fails: a safety net over the per-partition budgets. Default 10,000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxJobRetries { get; set; } = 10_000;

    /// <summary>How long an attempt may run when the job gives no --partition-timeout. Default 30 min.</summary>
    public TimeSpan DefaultPartitionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Speculative copies of stragglers (Spark's speculation): on by default.</summary>
    public bool Speculation { get; set; } = true;

    /// <summary>The share of a job's partitions that must be done before a straggler is copied. Default 0.75.</summary>
    [Range(0.0, 1.0)]
    public double SpeculationQuantile { get; set; } = 0.75;

    /// <summary>How many times the median duration of the done partitions a straggler must have run. Default 1.5.</summary>
    [Range(1.0, 1000.0)]
    public double SpeculationMultiplier { get; set; } = 1.5;

    /// <summary>How long a straggler must have run at least before it is copied. Default 30 s.</summary>
    public TimeSpan SpeculationMinRuntime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest --max-groups a job may ask for on this cluster (ORLEANSPROC_MAX_GROUPS_CAP; default 50,000,000): a
    /// job asking for more is refused naming the cap, so one job cannot ask a silo for unbounded memory.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxGroupsCap { get; set; } = DefaultMaxGroupsCap;

    /// <summary>The default <see cref="MaxGroupsCap"/>.</summary>
    public const int DefaultMaxGroupsCap = 50_000_000;
}
