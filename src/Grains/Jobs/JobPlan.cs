using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// A validated job ready to run: its initial state and each partition's slices (stored apart, in the plan blob), or
/// why it cannot run (<see cref="Rejection"/>).
/// </summary>
public sealed record JobPlan(JobRecord? Record, IReadOnlyList<IReadOnlyList<SliceSpec>> Slices, SubmitOutcome? Rejection);
