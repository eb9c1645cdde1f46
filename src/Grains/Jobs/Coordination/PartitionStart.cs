using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>
/// A decision to start an attempt of a partition now, with the slices it must read (the first in the quote state the
/// job now assumes for it).
/// </summary>
public sealed record PartitionStart(int Index, int Attempt, IReadOnlyList<SliceSpec> Slices)
{
    /// <summary>A speculative copy of a straggling attempt, started beside it.</summary>
    public bool Speculative { get; init; }
}
