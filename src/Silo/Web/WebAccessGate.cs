using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrleansProc.Security;

namespace OrleansProc.Silo.Web;

/// <summary>Puts the web side behind <see cref="WebAccessRule"/>: 401 without the key, 403 from another host when no key is set.</summary>
public static class WebAccessGate
{
    public static WebApplication UseOrleansProcWebAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var access = app.Services.GetRequiredService<AccessSettings>();
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var outcome = WebAccessRule.Decide(
                access,
                request.Path.Value ?? "/",
                request.Headers.Authorization.FirstOrDefault(),
                request.Cookies[WebAccessRule.CookieName],
                request.Query[WebAccessRule.TokenQuery].FirstOrDefault(),
                context.Connection.RemoteIpAddress);
            switch (outcome)
            {
                case WebAccessOutcome.Allow:
                    await next(context);
                    break;
                case WebAccessOutcome.LogIn:
                    context.Response.Cookies.Append(WebAccessRule.CookieName, request.Query[WebAccessRule.TokenQuery].ToString(), new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = SameSiteMode.Strict,
                        Secure = request.IsHttps,
                        Path = "/",
                    });
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Redirect(request.PathBase + request.Path); // the key leaves the address bar
                    break;
                case WebAccessOutcome.Unauthorized:
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=\"orleansproc\"";
                    await context.Response.WriteAsync("401: this page needs the cluster's API key (ORLEANSPROC_API_KEY): open /?token=KEY once (it sets a cookie), or send Authorization: Bearer KEY\n");
                    break;
                default:
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsync("403: no ORLEANSPROC_API_KEY is set, so this page answers only on the silo's own machine (127.0.0.1); set the key to open it to other hosts\n");
                    break;
            }
        });
        return app;
    }
}
