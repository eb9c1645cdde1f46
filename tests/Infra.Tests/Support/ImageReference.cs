using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansProc.TestSupport;

namespace OrleansProc.Infra.Tests.Support;

/// <summary>What a pinned image reference looks like, and the versions it must agree with.</summary>
public static partial class ImageReference
{
    /// <summary>The image's tag, or null when it has none (which means :latest).</summary>
    public static string? TagOf(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', slash + 1);
        return colon < 0 ? null : image[(colon + 1)..];
    }

    /// <summary>The image without its tag.</summary>
    public static string RepositoryOf(string image) => TagOf(image) is { } tag ? image[..^(tag.Length + 1)] : image;

    /// <summary>An exact version: major.minor.patch with an optional suffix (10.0.12, 3.37.0, 10.0.401-noble); not latest, not 10.0.</summary>
    public static bool IsExactVersion(string? tag) => tag is not null && ExactVersion().IsMatch(tag);

    /// <summary>The version part of an exact tag (10.0.401-noble gives 10.0.401).</summary>
    public static Version VersionOf(string tag) => Version.Parse(ExactVersion().Match(tag).Groups[1].Value);

    /// <summary>The Azurite version the project pins for local runs and tests (infra/package.json).</summary>
    public static string AzuriteVersion()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "package.json")));
        return json.RootElement.GetProperty("dependencies").GetProperty("azurite").GetString()!;
    }

    [GeneratedRegex(@"^(\d+\.\d+\.\d+)(?:-[A-Za-z0-9.]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExactVersion();
}
