using OpenTelemetry.Trace;

namespace OrleansProc.Silo.Telemetry;

/// <summary>
/// Samples the root spans of OrleansProc's own work (a job's submit) and drops other roots: the Orleans runtime's
/// background calls (membership pings, directory upkeep, untraced status polls) would drown the jobs. Used under a
/// parent-based sampler, so whatever a sampled span (the client's, or a job's) calls is kept.
/// </summary>
public sealed class JobRootSampler : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Name.StartsWith("orleansproc.", StringComparison.Ordinal)
            ? new SamplingResult(SamplingDecision.RecordAndSample)
            : new SamplingResult(SamplingDecision.Drop);
}
