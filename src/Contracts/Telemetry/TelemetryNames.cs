namespace OrleansProc.Contracts.Telemetry;

/// <summary>The names OrleansProc's telemetry is published under, shared by silo and client.</summary>
public static class TelemetryNames
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> with the job and partition instruments.</summary>
    public const string Meter = "OrleansProc";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of the job, partition and client spans.</summary>
    public const string ActivitySource = "OrleansProc";

    /// <summary>Span and metric tag keys.</summary>
    public const string JobIdTag = "orleansproc.job.id";

    public const string PartitionIndexTag = "orleansproc.partition.index";

    public const string PartitionAttemptTag = "orleansproc.partition.attempt";

    public const string OutcomeTag = "orleansproc.outcome";
}
