using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
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

        // The client's host has no configuration sources, and the exporter and its batch processor read the other
        // standard variables (OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_BSP_SCHEDULE_DELAY, ...) from configuration only: without
        // them the endpoint variable is ignored as well and spans go to the gRPC default, localhost:4317.
        builder.Configuration.AddInMemoryCollection(Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .Select(variable => new KeyValuePair<string, string?>((string)variable.Key, (string?)variable.Value))
            .Where(variable => variable.Key.StartsWith("OTEL_", StringComparison.Ordinal)));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } name ? name : "orleansproc-client"))
            .WithTracing(tracing => tracing
                .AddSource(TelemetryNames.ActivitySource, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName)
                .AddOtlpExporter());
    }
}
