using System.Net;
using OrleansProc.Security;

namespace OrleansProc.Silo.Web;

/// <summary>
/// Who may see the jobs page, its API and the dashboard. With ORLEANSPROC_API_KEY set: a request that carries the key as a
/// bearer token (<c>Authorization: Bearer KEY</c>) or in the <see cref="CookieName"/> cookie, which a login query
/// (<c>?token=KEY</c>) sets. Without a key: requests from this machine (loopback) only. <c>/healthz</c> and
/// <c>/metrics</c> stay open (probes and scrapers; they show no job's data).
/// </summary>
public static class WebAccessRule
{
    /// <summary>The cookie that carries the key after a login query.</summary>
    public const string CookieName = "orleansproc-token";

    /// <summary>The login query parameter.</summary>
    public const string TokenQuery = "token";

    private static readonly string[] OpenPaths = ["/healthz", "/metrics"];

    /// <param name="access">The silo's keys.</param>
    /// <param name="path">The request's path.</param>
    /// <param name="authorization">The Authorization header, or null.</param>
    /// <param name="cookie">The <see cref="CookieName"/> cookie, or null.</param>
    /// <param name="queryToken">The <see cref="TokenQuery"/> query parameter, or null.</param>
    /// <param name="remote">The caller's address, or null when unknown.</param>
    public static WebAccessOutcome Decide(AccessSettings access, string path, string? authorization, string? cookie, string? queryToken, IPAddress? remote)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (OpenPaths.Any(open => path.Equals(open, StringComparison.OrdinalIgnoreCase) || path.StartsWith(open + "/", StringComparison.OrdinalIgnoreCase)))
        {
            return WebAccessOutcome.Allow;
        }

        if (!access.RequiresApiKey)
        {
            return remote is not null && IPAddress.IsLoopback(remote) ? WebAccessOutcome.Allow : WebAccessOutcome.LoopbackOnly;
        }

        const string Bearer = "Bearer ";
        if (authorization is not null && authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && access.IsApiKey(authorization[Bearer.Length..].Trim()))
        {
            return WebAccessOutcome.Allow;
        }

        if (queryToken is not null)
        {
            return access.IsApiKey(queryToken) ? WebAccessOutcome.LogIn : WebAccessOutcome.Unauthorized;
        }

        return access.IsApiKey(cookie) ? WebAccessOutcome.Allow : WebAccessOutcome.Unauthorized;
    }
}
