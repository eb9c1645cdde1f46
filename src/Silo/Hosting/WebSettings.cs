using System.Net;
using Microsoft.Extensions.Configuration;

namespace OrleansProc.Silo.Hosting;

/// <summary>
/// Where the silo's web side (the jobs page, its JSON API, /healthz, /dashboard) listens, from configuration
/// (appsettings.json or environment variables): ORLEANSPROC_WEB_HOST (default 127.0.0.1; 0.0.0.0 in a container),
/// ORLEANSPROC_WEB_PORT (default 8080), ORLEANSPROC_DASHBOARD (on or off, default on).
/// </summary>
public sealed class WebSettings
{
    public const string HostVariable = "ORLEANSPROC_WEB_HOST";

    public const string PortVariable = "ORLEANSPROC_WEB_PORT";

    public const string DashboardVariable = "ORLEANSPROC_DASHBOARD";

    public IPAddress Host { get; init; } = IPAddress.Loopback;

    public int Port { get; init; } = 8080;

    /// <summary>
    /// Whether the Orleans Dashboard runs (served at /dashboard). Its metrics reader samples every Orleans instrument
    /// each second whether or not anyone looks (Orleans 10 fixes that period), about a tenth of an idle silo's CPU;
    /// off saves it.
    /// </summary>
    public bool Dashboard { get; init; } = true;

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
            Dashboard = Get(DashboardVariable)?.ToUpperInvariant() switch
            {
                null or "ON" or "1" or "TRUE" => true,
                "OFF" or "0" or "FALSE" => false,
                _ => throw new InvalidOperationException($"{DashboardVariable} '{Get(DashboardVariable)}' is not on or off"),
            },
        };
    }
}
