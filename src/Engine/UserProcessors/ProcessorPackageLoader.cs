using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// Loads processor packages: a folder holding a processor assembly (built against OrleansProc.Sdk) and its
/// dependencies, each package in its own collectible <see cref="System.Runtime.Loader.AssemblyLoadContext"/>. Loads
/// are cached by folder and content (file names, sizes and write times), so every job and partition of one package
/// version shares one load; a folder rebuilt in place is loaded afresh. A package is unloaded when its last lease is
/// disposed. Thread-safe.
/// </summary>
public sealed class ProcessorPackageLoader
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LoadedPackage> _loaded = new(StringComparer.Ordinal);

    /// <summary>The loader of this process.</summary>
    public static ProcessorPackageLoader Shared { get; } = new();

    /// <summary>How many packages are loaded now.</summary>
    public int LoadedCount
    {
        get
        {
            lock (_lock)
            {
                return _loaded.Count;
            }
        }
    }

    /// <summary>A lease on the package in <paramref name="folder"/>, loading it unless it is loaded already.</summary>
    /// <exception cref="QueryException">The folder does not exist or holds no loadable processor.</exception>
    public ProcessorPackage Acquire(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(full))
        {
            throw new QueryException($"the processor package folder '{folder}' does not exist");
        }

        var key = full + "|" + Stamp(full);
        lock (_lock)
        {
            if (!_loaded.TryGetValue(key, out var package))
            {
                package = LoadedPackage.Load(key, full);
                _loaded[key] = package;
            }

            package.Leases++;
            return new ProcessorPackage(this, package);
        }
    }

    internal void Release(LoadedPackage package)
    {
        lock (_lock)
        {
            if (--package.Leases > 0)
            {
                return;
            }

            _loaded.Remove(package.Key);
        }

        package.Unload();
    }

    /// <summary>A hash of the folder's top-level files: names, sizes and write times.</summary>
    private static string Stamp(string folder)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append(CultureInfo.InvariantCulture, $"{info.Name}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
