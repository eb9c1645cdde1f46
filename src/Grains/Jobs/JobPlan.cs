using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs;

/// <summary>A validated job ready to run, or why it cannot (<see cref="Rejection"/>).</summary>
public sealed record JobPlan(JobRecord? Record, SubmitOutcome? Rejection);
