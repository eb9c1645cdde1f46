using System.Diagnostics;
using OrleansProc.Contracts.Telemetry;

namespace OrleansProc.Grains.Telemetry;

/// <summary>
/// The spans of a job on the silos: the coordinator's submit span (its id is kept in the job's state, so the
/// dispatch of every partition and the merge hang under it, also after the coordinator re-activates elsewhere), and
/// each partition attempt's run, a child of the dispatch through Orleans' activity propagation. Created only while
/// something listens (an OpenTelemetry tracer provider).
/// </summary>
public static class OrleansProcActivities
{
    public static readonly ActivitySource Source = new(TelemetryNames.ActivitySource);

    public static Activity? StartSubmit(string jobId) =>
        Source.StartActivity("orleansproc.job.submit", ActivityKind.Internal)?.SetTag(TelemetryNames.JobIdTag, jobId);

    public static Activity? StartDispatch(string jobId, int index, int attempt, string? jobTraceParent) =>
        Source.StartActivity("orleansproc.partition.dispatch", ActivityKind.Internal, jobTraceParent)
            ?.SetTag(TelemetryNames.JobIdTag, jobId)
            .SetTag(TelemetryNames.PartitionIndexTag, index)
            .SetTag(TelemetryNames.PartitionAttemptTag, attempt);

    public static Activity? StartMerge(string jobId, string? jobTraceParent) =>
        Source.StartActivity("orleansproc.job.merge", ActivityKind.Internal, jobTraceParent)?.SetTag(TelemetryNames.JobIdTag, jobId);

    public static Activity? StartAttempt(string jobId, int index, int attempt) =>
        Source.StartActivity("orleansproc.partition.run", ActivityKind.Internal)
            ?.SetTag(TelemetryNames.JobIdTag, jobId)
            .SetTag(TelemetryNames.PartitionIndexTag, index)
            .SetTag(TelemetryNames.PartitionAttemptTag, attempt);
}
