using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansProc.Silo.Web;

/// <summary>The live jobs page at <c>/</c>: plain HTML, CSS and a small script embedded in the silo's assembly.</summary>
public static class JobsPage
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "app.css", "text/css; charset=utf-8"),
    ];

    public static IEndpointRouteBuilder MapJobsPage(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var content = Read(resource);
            endpoints.MapGet(path, () => Results.Bytes(content, contentType));
        }

        return endpoints;
    }

    /// <summary>An embedded page file (Web/Page/NAME in the project).</summary>
    public static byte[] Read(string name)
    {
        using var stream = typeof(JobsPage).Assembly.GetManifestResourceStream($"OrleansProc.Silo.Web.Page.{name}")
            ?? throw new InvalidOperationException($"the page file {name} is not embedded in the silo");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
