namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster of its own whose silos and client export over OTLP/HTTP (protobuf) to an <see cref="OtlpReceiver"/>,
/// metrics every second and spans 200 ms after they end, set only through the standard OTEL_* variables.
/// </summary>
public sealed class OtlpClusterFixture : ClusterFixture
{
    public const int MetricExportIntervalMilliseconds = 1000;

    public const int SpanExportDelayMilliseconds = 200;

    public OtlpReceiver Receiver { get; } = OtlpReceiver.Start();

    protected override IReadOnlyDictionary<string, string> SharedEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.GetLeftPart(UriPartial.Authority),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = $"{MetricExportIntervalMilliseconds}",
        ["OTEL_BSP_SCHEDULE_DELAY"] = $"{SpanExportDelayMilliseconds}",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
