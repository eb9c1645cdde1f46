namespace OrleansProc.DevCluster;

/// <summary>
/// Which build of the silo to run: the ReadyToRun publish that <c>./orleansproc</c> writes into
/// <c>.orleansproc/silo-r2r</c> after each silo build (precompiled: a fresh silo JIT-compiles far less) when it is
/// current, else the plain Release build of src/Silo, with a one-line warning saying why.
/// </summary>
/// <param name="Assembly">The silo's entry assembly to pass to <c>dotnet</c>.</param>
/// <param name="Warning">Why the plain build runs although the ReadyToRun one was wanted; null when there is nothing to say.</param>
public sealed record SiloBuildChoice(string Assembly, string? Warning)
{
    /// <summary><c>ORLEANSPROC_R2R=0</c> runs the plain builds of the client and the silo, without a warning.</summary>
    public const string ReadyToRunVariable = "ORLEANSPROC_R2R";

    /// <summary>The silo's entry assembly, in both builds.</summary>
    public const string AssemblyName = "OrleansProc.Silo.dll";

    /// <summary>The choice for the repository at <paramref name="paths"/>, honouring <see cref="ReadyToRunVariable"/>.</summary>
    public static SiloBuildChoice For(DevPaths paths) =>
        Choose(paths.SiloBuildDirectory, paths.SiloReadyToRunDirectory, Environment.GetEnvironmentVariable(ReadyToRunVariable) != "0");

    /// <summary>
    /// The publish in <paramref name="publishedDirectory"/> when it is wanted and current: every OrleansProc assembly of
    /// the build in <paramref name="builtDirectory"/> is there and not newer than its published copy (a build after the
    /// last publish makes the publish stale). Otherwise the build.
    /// </summary>
    public static SiloBuildChoice Choose(string builtDirectory, string publishedDirectory, bool readyToRunWanted)
    {
        var built = Path.Combine(builtDirectory, AssemblyName);
        if (!readyToRunWanted)
        {
            return new SiloBuildChoice(built, null);
        }

        var published = Path.Combine(publishedDirectory, AssemblyName);
        if (!File.Exists(published))
        {
            return new SiloBuildChoice(built, $"warning: the ReadyToRun silo is not published ({publishedDirectory}); running the plain build (./orleansproc publishes it after a build)");
        }

        var stale = Directory.Exists(builtDirectory)
            ? Directory.EnumerateFiles(builtDirectory, "OrleansProc.*.dll")
                .Select(Path.GetFileName)
                .Order(StringComparer.Ordinal)
                .FirstOrDefault(name => IsNewerThanItsCopy(name!))
            : null;
        return stale is null
            ? new SiloBuildChoice(published, null)
            : new SiloBuildChoice(built, $"warning: the ReadyToRun silo is older than the build ({stale}); running the plain build (./orleansproc publishes it again)");

        bool IsNewerThanItsCopy(string name)
        {
            var copy = Path.Combine(publishedDirectory, name);
            return !File.Exists(copy) || File.GetLastWriteTimeUtc(Path.Combine(builtDirectory, name)) > File.GetLastWriteTimeUtc(copy);
        }
    }
}
