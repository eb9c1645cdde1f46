using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using OrleansProc.Contracts.Telemetry;

namespace OrleansProc.Client.Telemetry;

/// <summary>
/// The client's traces: an <c>orleansproc.job</c> span per job it submits or follows, the parent of the job's spans
/// on the silos (Orleans propagates it through grain calls). Exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT
/// is set; otherwise nothing is recorded.
/// </summary>
internal static class ClientTelemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static readonly ActivitySource Source = new(TelemetryNames.ActivitySource);

    public static Activity? StartJob(string jobId, string operation) =>
        Source.StartActivity("orleansproc.job", ActivityKind.Client)
            ?.SetTag(TelemetryNames.JobIdTag, jobId)
            .SetTag("orleansproc.client.operation", operation);

    /// <summary>Adds OTLP trace export to the client's host when an endpoint is configured.</summary>
    public static void AddTracingIfConfigured(IHostApplicationBuilder builder)
    {
        if (Environment.GetEnvironmentVariable(OtlpEndpointVariable) is not { Length: > 0 })
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } name ? name : "orleansproc-client"))
            .WithTracing(tracing => tracing
                .AddSource(TelemetryNames.ActivitySource, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName)
                .AddOtlpExporter());
    }
}
