using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// A job's stored state: the spec, the plan (references to blob ranges), per-partition status and attempts, and
/// counters. Payloads (partials, results) are blobs, but for a small plan's slices and a small result, which are kept
/// here (see <see cref="InlineLimits"/>): a short job spares the storage requests of their blobs.
/// </summary>
[GenerateSerializer]
[Alias("OrleansProc.JobRecord")]
public sealed class JobRecord
{
    [Id(0)]
    public JobSpec? Spec { get; set; }

    [Id(1)]
    public string Dataset { get; set; } = string.Empty;

    [Id(2)]
    public JobState State { get; set; }

    [Id(3)]
    public DateTimeOffset SubmittedAt { get; set; }

    [Id(4)]
    public DateTimeOffset? FinishedAt { get; set; }

    [Id(5)]
    public string? Error { get; set; }

    [Id(6)]
    public List<PartitionRecord> Partitions { get; set; } = [];

    [Id(7)]
    public long BytesTotal { get; set; }

    [Id(8)]
    public int Retries { get; set; }

    /// <summary>The first few bad records skipped, over all partitions.</summary>
    [Id(9)]
    public List<string> BadRecordSamples { get; set; } = [];

    /// <summary>The output dataset of a transform, or null.</summary>
    [Id(10)]
    public string? OutputDataset { get; set; }

    /// <summary>The W3C id of the coordinator's submit span: the parent of the job's later spans, or null untraced.</summary>
    [Id(11)]
    public string? TraceParent { get; set; }

    /// <summary>The job as its planner bound it (format, schema, processor), or null in a record stored before plans were kept.</summary>
    [Id(12)]
    public QueryPlan? Plan { get; set; }

    /// <summary>
    /// How many times the job was planned again because its dataset changed (--snapshot retry); also the version of
    /// its plan blob (<see cref="JobPaths.Plan(string, int)"/>).
    /// </summary>
    [Id(13)]
    public int Replans { get; set; }

    /// <summary>
    /// The epoch of the coordinator activation in charge: each activation that takes the job over stores one more
    /// (conditionally), and partitions' assignments and reports carry it (see <see cref="PartitionRecord.Epoch"/>).
    /// </summary>
    [Id(40)]
    public int Epoch { get; set; }

    /// <summary>
    /// A random id of the activation that stored this state: a write conflict against a state with the same owner is this
    /// activation's own write that landed although it seemed to fail; with another owner, another activation is in charge.
    /// </summary>
    [Id(41)]
    public string? Owner { get; set; }

    /// <summary>The job ended and what its end had to stop and delete was done (a coordinator that died in between does it on reactivation).</summary>
    [Id(42)]
    public bool CleanedUp { get; set; }

    /// <summary>Failed merges (storage errors): bounded by <see cref="JobOptions.MaxMergeFailures"/>.</summary>
    [Id(43)]
    public int MergeFailures { get; set; }

    /// <summary>
    /// The slices of every partition when the plan is small (<see cref="InlineLimits.MaxPlanSlices"/>), or null when
    /// they are in the plan blob (<see cref="JobPaths.Plan(string, int)"/>).
    /// </summary>
    [Id(80)]
    public List<List<SliceSpec>>? Slices { get; set; }

    /// <summary>The result of a completed job when it is small (<see cref="InlineLimits.MaxResultBytes"/>), or null when it is in the result blob.</summary>
    [Id(81)]
    public JobResult? Result { get; set; }
}
