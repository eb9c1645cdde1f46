using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansProc.Silo.Hosting;

namespace OrleansProc.Silo.Web;

/// <summary>
/// The silo's web side: Kestrel on ORLEANSPROC_WEB_HOST:ORLEANSPROC_WEB_PORT, <c>/healthz</c>, and the line scripts wait
/// for once the silo joined and the web side listens.
/// </summary>
public static class WebHostingExtensions
{
    /// <summary>How long each health check may take before it counts as failed.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(3);

    public static WebApplicationBuilder AddOrleansProcWeb(this WebApplicationBuilder builder)
    {
        var settings = WebSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<SiloReadyAnnouncer>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.Host, settings.Port));
        builder.Services.AddHealthChecks()
            .AddCheck<MembershipHealthCheck>("membership", timeout: HealthCheckTimeout)
            .AddCheck<StorageHealthCheck>("storage", timeout: HealthCheckTimeout);
        return builder;
    }

    public static WebApplication MapOrleansProcWeb(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                context.Response.Headers.CacheControl = "no-store";
                return context.Response.Body.WriteAsync(HealthResponse.ToJson(report)).AsTask();
            },
        });
        return app;
    }
}
