using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Bench.Cluster;

/// <summary>One job run from the benchmark's client: its result and status, submit to result, and how long the submit call took.</summary>
internal sealed record JobRun(JobResult Result, JobStatus Status, TimeSpan Elapsed, TimeSpan Submit);
