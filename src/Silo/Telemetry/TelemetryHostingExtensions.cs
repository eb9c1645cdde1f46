using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using OrleansProc.Contracts.Telemetry;
using OrleansProc.Silo.Hosting;

namespace OrleansProc.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for a silo: the OrleansProc and Orleans meters, scraped in Prometheus' text format at
/// <c>/metrics</c> on the silo's web port, and the traces of jobs (OrleansProc's spans and the grain calls under them,
/// propagated by Orleans from the client). Both are exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the
/// exporter reads the other OTEL_EXPORTER_OTLP_* variables itself); without it no span is recorded.
/// </summary>
public static class TelemetryHostingExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    /// <param name="builder">The silo's web host.</param>
    /// <param name="siloName">The silo's name (<see cref="SiloSettings.SiloName"/>), its service.instance.id.</param>
    public static WebApplicationBuilder AddOrleansProcTelemetry(this WebApplicationBuilder builder, string siloName)
    {
        var otlp = builder.Configuration[OtlpEndpointVariable] is { Length: > 0 };
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "orleansproc-silo",
                serviceInstanceId: siloName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetryNames.Meter, "Microsoft.Orleans");
                metrics.AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TelemetryNames.ActivitySource, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName)
                .SetSampler(new ParentBasedSampler(new JobRootSampler()))
                .AddOtlpExporter());
        }

        return builder;
    }

    public static WebApplication MapOrleansProcTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
