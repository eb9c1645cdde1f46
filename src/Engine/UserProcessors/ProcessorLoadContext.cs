using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// The collectible load context of one processor package folder. OrleansProc.Sdk and the framework's assemblies
/// resolve to the host's copies (so <c>Processor</c>, <c>IRecord</c> and the BCL types are the host's); every other
/// dependency comes from the folder: through each processor assembly's <c>.deps.json</c> when it has one
/// (<see cref="AssemblyDependencyResolver"/>), else by file name beside it.
/// </summary>
internal sealed class ProcessorLoadContext : AssemblyLoadContext
{
    private const string SdkAssemblyName = "OrleansProc.Sdk";
    private static readonly HashSet<string> FrameworkAssemblies = ListFrameworkAssemblies();
    private readonly string _folder;
    private readonly List<AssemblyDependencyResolver> _resolvers = [];

    public ProcessorLoadContext(string folder, IEnumerable<string> processorAssemblies)
        : base($"processor package {folder}", isCollectible: true)
    {
        _folder = folder;
        foreach (var assembly in processorAssemblies)
        {
            if (File.Exists(Path.ChangeExtension(assembly, ".deps.json")))
            {
                _resolvers.Add(new AssemblyDependencyResolver(assembly));
            }
        }
    }

    /// <summary>True for the assemblies a package shares with the host: the SDK and the framework's.</summary>
    public static bool IsShared(AssemblyName name) =>
        name.Name is { } simple && (string.Equals(simple, SdkAssemblyName, StringComparison.OrdinalIgnoreCase) || FrameworkAssemblies.Contains(simple));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        foreach (var resolver in _resolvers)
        {
            if (resolver.ResolveAssemblyToPath(assemblyName) is { } path && File.Exists(path))
            {
                return LoadFromAssemblyPath(path);
            }
        }

        var beside = Path.Join(_folder, assemblyName.Name + ".dll");
        return File.Exists(beside) ? LoadFromAssemblyPath(beside) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var resolver in _resolvers)
        {
            if (resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path && File.Exists(path))
            {
                return LoadUnmanagedDllFromPath(path);
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>The simple names of the assemblies in the shared framework's folder (System.*, Microsoft.*, netstandard...).</summary>
    private static HashSet<string> ListFrameworkAssemblies()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        if (Directory.Exists(runtime))
        {
            foreach (var file in Directory.EnumerateFiles(runtime, "*.dll"))
            {
                names.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        return names;
    }
}
