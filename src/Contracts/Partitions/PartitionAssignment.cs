using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Contracts.Partitions;

/// <summary>One attempt at one partition of a job: what to read and what to do with it.</summary>
[GenerateSerializer]
[Alias("OrleansProc.PartitionAssignment")]
public sealed record PartitionAssignment
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public int Index { get; init; }

    /// <summary>The attempt number; a report from another attempt than the current one is ignored.</summary>
    [Id(2)]
    public int Attempt { get; init; }

    // Ids 3 and 4 (the job spec and the dataset) went with the plan, which holds what an attempt needs of both: not to be reused.

    [Id(5)]
    public required IReadOnlyList<SliceSpec> Slices { get; init; }

    /// <summary>The blob the partial is written to.</summary>
    [Id(6)]
    public required string PartialBlob { get; init; }

    /// <summary>
    /// The blob output rows go to (transforms), or null. The attempt only stages blocks named after it; the coordinator
    /// commits those of the attempt it records.
    /// </summary>
    [Id(7)]
    public string? OutputBlob { get; init; }

    /// <summary>The job's plan, bound once at submit: the attempt reads no manifest and parses no more than its silo's first attempt of the job.</summary>
    [Id(8)]
    public required QueryPlan Plan { get; init; }

    /// <summary>
    /// The epoch of the coordinator activation that made this assignment: its report carries it back, and a report of
    /// an older epoch than the one that started the partition's attempt is refused (a stale coordinator's start).
    /// </summary>
    [Id(40)]
    public int Epoch { get; init; }

    /// <summary>
    /// A small partial may travel in the report alone, without a partial blob: the coordinator keeps it in its state
    /// with the partition's record (a job of few partitions, whose small partials the state can hold).
    /// </summary>
    [Id(91)]
    public bool PartialInReport { get; init; }
}
