using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// A validated job ready to run: its initial state and each partition's slices (stored apart, in the plan blob), or
/// why it cannot run (<see cref="Rejection"/>).
/// </summary>
public sealed record JobPlan(JobRecord? Record, IReadOnlyList<IReadOnlyList<SliceSpec>> Slices, SubmitOutcome? Rejection)
{
    /// <summary>A re-plan found the dataset not as registered (being replaced): why; try again later. Null otherwise.</summary>
    public string? Unsettled { get; init; }
}
