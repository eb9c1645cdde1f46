
namespace OrleansProc.DevCluster;

/// <summary>
/// The files of the local development cluster, all under the repository root: state in
/// <c>.orleansproc/dev.json</c>, logs in <c>.orleansproc/logs</c>, Azurite's data in <c>.orleansproc/azurite</c>.
/// </summary>
public sealed class DevPaths(string root)
{
    public const string RootVariable = "ORLEANSPROC_ROOT";

    private static readonly string[] s_markers = ["OrleansProc.sln", "OrleansProc.slnx"];

    public string Root { get; } = root;

    public string StateDirectory => Path.Combine(Root, ".orleansproc");

    public string StateFile => Path.Combine(StateDirectory, "dev.json");

    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public string AzuriteData => Path.Combine(StateDirectory, "azurite");

    public string AzuriteLog => Path.Combine(LogDirectory, "azurite.log");

    public string NpmLog => Path.Combine(LogDirectory, "npm.log");

    public string InfraDirectory => Path.Combine(Root, "infra");

    public string AzuriteExecutable => Path.Combine(InfraDirectory, "node_modules", ".bin", "azurite");

    public string SiloBuildDirectory => Path.Combine(Root, "src", "Silo", "bin", "Release", "net10.0");

    public string SiloAssembly => Path.Combine(SiloBuildDirectory, SiloBuildChoice.AssemblyName);

    /// <summary>The silo published ReadyToRun by <c>./orleansproc</c> after each silo build (see <see cref="SiloBuildChoice"/>).</summary>
    public string SiloReadyToRunDirectory => Path.Combine(StateDirectory, "silo-r2r");

    public string SiloLog(string name) => Path.Combine(LogDirectory, name + ".log");

    /// <summary>The path relative to the root, for messages.</summary>
    public string Show(string path) => Path.GetRelativePath(Root, path);

    /// <summary>The root from ORLEANSPROC_ROOT, else the folder holding OrleansProc.sln walking up from the current folder.</summary>
    public static DevPaths Find()
    {
        if (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } given)
        {
            return Directory.Exists(given)
                ? new DevPaths(Path.GetFullPath(given))
                : throw new DevClusterException($"{RootVariable} names '{given}', which is not a folder");
        }

        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (s_markers.Any(marker => File.Exists(Path.Combine(folder.FullName, marker))))
            {
                return new DevPaths(folder.FullName);
            }
        }

        throw new DevClusterException($"cannot find the repository root (the folder holding OrleansProc.sln) above {Environment.CurrentDirectory}: run ./orleansproc from the repository, or set {RootVariable}");
    }
}
