using System.Net;
using Microsoft.Extensions.Configuration;

namespace OrleansProc.Silo.Hosting;

/// <summary>
/// Where the silo's web side (the jobs page, its JSON API, /healthz, /dashboard) listens, from configuration
/// (appsettings.json or environment variables): ORLEANSPROC_WEB_HOST (default 127.0.0.1; 0.0.0.0 in a container),
/// ORLEANSPROC_WEB_PORT (default 8080); and how often the Orleans Dashboard samples the silo's counters,
/// ORLEANSPROC_DASHBOARD_INTERVAL (seconds, default 10).
/// </summary>
public sealed class WebSettings
{
    public const string HostVariable = "ORLEANSPROC_WEB_HOST";

    public const string PortVariable = "ORLEANSPROC_WEB_PORT";

    public const string DashboardIntervalVariable = "ORLEANSPROC_DASHBOARD_INTERVAL";

    /// <summary>
    /// The default of <see cref="DashboardInterval"/>: each sample collects every Orleans instrument, and some count
    /// by walking the grain directory's cache (the dashboard's own default, 1 s, cost a busy silo about a seventh of
    /// its CPU; docs/benchmarks.md, issue 14 round 6).
    /// </summary>
    public static readonly TimeSpan DefaultDashboardInterval = TimeSpan.FromSeconds(10);

    public IPAddress Host { get; init; } = IPAddress.Loopback;

    public int Port { get; init; } = 8080;

    /// <summary>How often the Orleans Dashboard samples the silo's counters (at least 1 s).</summary>
    public TimeSpan DashboardInterval { get; init; } = DefaultDashboardInterval;

    /// <summary>The address a browser on this machine opens: the host, or 127.0.0.1 when it listens on every address.</summary>
    public Uri PageAddress => new UriBuilder(Uri.UriSchemeHttp, Host.Equals(IPAddress.Any) || Host.Equals(IPAddress.IPv6Any) ? "127.0.0.1" : Host.ToString(), Port, "/").Uri;

    public static WebSettings From(IConfiguration configuration)
    {
        string? Get(string name) => configuration[name] is { Length: > 0 } value ? value : null;
        return new WebSettings
        {
            Host = Get(HostVariable) is { } host
                ? IPAddress.TryParse(host, out var address) ? address : throw new InvalidOperationException($"{HostVariable} '{host}' is not an IP address (use 127.0.0.1, or 0.0.0.0 for every address)")
                : IPAddress.Loopback,
            Port = Get(PortVariable) is { } port
                ? int.TryParse(port, out var value) && value is >= 1 and <= 65535 ? value : throw new InvalidOperationException($"{PortVariable} '{port}' is not a port number (1 to 65535)")
                : 8080,
            DashboardInterval = Get(DashboardIntervalVariable) is { } interval
                ? int.TryParse(interval, out var seconds) && seconds is >= 1 and <= 3600 ? TimeSpan.FromSeconds(seconds) : throw new InvalidOperationException($"{DashboardIntervalVariable} '{interval}' is not a number of seconds (1 to 3600)")
                : DefaultDashboardInterval,
        };
    }
}
