using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// A lease on a loaded processor package (see <see cref="ProcessorPackageLoader.Acquire"/>): its processors, and new
/// instances of them. Disposing the last lease of a package unloads its load context.
/// </summary>
public sealed class ProcessorPackage : IDisposable
{
    private readonly ProcessorPackageLoader _loader;
    private readonly LoadedPackage _package;
    private int _disposed;

    internal ProcessorPackage(ProcessorPackageLoader loader, LoadedPackage package)
    {
        _loader = loader;
        _package = package;
    }

    /// <summary>The package folder, as a full path.</summary>
    public string Folder => _package.Folder;

    /// <summary>The processors the package holds, by name.</summary>
    public IReadOnlyList<ProcessorInfo> Processors => _package.Processors;

    /// <summary>A new instance of the processor named <paramref name="name"/>, or of the only one when <paramref name="name"/> is null.</summary>
    /// <exception cref="Processing.QueryException">The name is unknown, or none is given and the package holds several.</exception>
    public (ProcessorInfo Info, Processor Instance) Create(string? name = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _package.Create(name);
    }

    /// <summary>A weak reference to the package's load context: dead once the package is unloaded and collected.</summary>
    internal WeakReference LoadContextReference() => _package.ContextReference();

    /// <summary>Releases the lease; the last one unloads the package.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _loader.Release(_package);
        }
    }
}
