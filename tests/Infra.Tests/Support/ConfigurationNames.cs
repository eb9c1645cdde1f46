using System.Text.RegularExpressions;
using OrleansProc.TestSupport;

namespace OrleansProc.Infra.Tests.Support;

/// <summary>
/// The environment variables a program reads, taken from its sources: every string literal "ORLEANSPROC_..." or
/// "OTEL_..." in the C# files and appsettings of the given src/ projects. The container files are checked against
/// these, so a renamed or mistyped variable in a compose file or manifest fails a test instead of being ignored.
/// </summary>
public static partial class ConfigurationNames
{
    /// <summary>What the silo reads: the silo host, the grains it hosts, the names shared in Contracts, the TLS and key settings.</summary>
    public static IReadOnlySet<string> Silo { get; } = ReadBy("Silo", "Grains", "Contracts", "Security");

    /// <summary>What the client console reads.</summary>
    public static IReadOnlySet<string> Client { get; } = ReadBy("Client", "Contracts", "Security");

    public static IReadOnlySet<string> ReadBy(params string[] projects)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var folder = Path.Combine(RepositoryRoot.Path, "src", project);
            var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(folder, "appsettings*.json", SearchOption.TopDirectoryOnly))
                .Where(file => !IsBuildOutput(folder, file));
            foreach (var file in files)
            {
                foreach (Match match in QuotedName().Matches(File.ReadAllText(file)))
                {
                    names.Add(match.Groups[1].Value);
                }
            }
        }

        return names;
    }

    private static bool IsBuildOutput(string folder, string file)
    {
        var first = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    [GeneratedRegex("\"((?:ORLEANSPROC|OTEL)_[A-Z0-9_]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();
}
