using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using OrleansProc.Silo.Hosting;
using OrleansProc.Silo.Web.Api;

namespace OrleansProc.Silo.Web;

/// <summary>
/// The silo's web side on ORLEANSPROC_WEB_HOST:ORLEANSPROC_WEB_PORT: the live jobs page at <c>/</c> and its JSON under
/// <c>/api</c>, <c>/healthz</c>, the Orleans Dashboard at <c>/dashboard</c> (all but /healthz behind
/// <see cref="WebAccessRule"/>); and the line scripts wait for once the silo joined and the web side listens.
/// </summary>
public static class WebHostingExtensions
{
    /// <summary>How long each health check may take before it counts as failed.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Where the Orleans Dashboard (grain-level detail) is mounted.</summary>
    public const string DashboardPath = "/dashboard";

    public static WebApplicationBuilder AddOrleansProcWeb(this WebApplicationBuilder builder)
    {
        var settings = WebSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<SiloReadyAnnouncer>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.Host, settings.Port));
        builder.Services.AddHealthChecks()
            .AddCheck<MembershipHealthCheck>("membership", timeout: HealthCheckTimeout)
            .AddCheck<StorageHealthCheck>("storage", timeout: HealthCheckTimeout);
        if (settings.Dashboard)
        {
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        return builder;
    }

    public static WebApplication MapOrleansProcWeb(this WebApplication app)
    {
        app.UseOrleansProcWebAccess(); // the page, its API and the dashboard need the key (or loopback); /healthz does not
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
        app.MapJobsApi();
        app.MapJobsPage();
        if (app.Services.GetRequiredService<WebSettings>().Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: DashboardPath);
        }

        return app;
    }
}
