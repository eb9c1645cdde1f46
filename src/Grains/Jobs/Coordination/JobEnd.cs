using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>The coordinator's decision that the job ends: its final state and error (null when it completed).</summary>
public sealed record JobEnd(JobState State, string? Error);
