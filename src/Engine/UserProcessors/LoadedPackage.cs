using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OrleansProc.Engine.Processing;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// One package folder loaded in its own <see cref="ProcessorLoadContext"/>: the processor classes found in the
/// assemblies of the folder that reference OrleansProc.Sdk. Shared by the leases of <see cref="ProcessorPackageLoader"/>.
/// </summary>
internal sealed class LoadedPackage
{
    private readonly ProcessorLoadContext _context;
    private readonly Dictionary<string, Type> _types;

    private LoadedPackage(string key, string folder, ProcessorLoadContext context, IReadOnlyList<ProcessorInfo> processors, Dictionary<string, Type> types)
    {
        Key = key;
        Folder = folder;
        _context = context;
        Processors = processors;
        _types = types;
    }

    public string Key { get; }

    public string Folder { get; }

    public IReadOnlyList<ProcessorInfo> Processors { get; }

    /// <summary>How many leases hold it; guarded by the loader's lock.</summary>
    public int Leases { get; set; }

    /// <summary>The load context, for tests that watch it being collected.</summary>
    public WeakReference ContextReference() => new(_context);

    /// <summary>Loads the folder's processor assemblies and finds their processors.</summary>
    /// <exception cref="QueryException">No assembly references the SDK, one cannot be loaded, or no processor class is found.</exception>
    public static LoadedPackage Load(string key, string folder)
    {
        var assemblies = Directory.EnumerateFiles(folder, "*.dll")
            .Where(ReferencesSdk)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (assemblies.Count == 0)
        {
            throw new QueryException(
                $"no assembly in '{folder}' references OrleansProc.Sdk: give the build output (a .dll or its folder) of a processor project (./orleansproc processor new NAME)");
        }

        var context = new ProcessorLoadContext(folder, assemblies);
        try
        {
            var types = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            var processors = new List<ProcessorInfo>();
            foreach (var path in assemblies)
            {
                foreach (var type in ProcessorTypes(context, path))
                {
                    var info = Describe(type);
                    if (!types.TryAdd(info.Name, type))
                    {
                        throw new QueryException($"two processors in '{folder}' are named '{info.Name}' ({types[info.Name].FullName} and {type.FullName}): name them apart with [Processor(\"...\")]");
                    }

                    processors.Add(info);
                }
            }

            if (processors.Count == 0)
            {
                throw new QueryException(
                    $"no processor in '{folder}': a processor is a public, non-abstract class derived from AggregateProcessor<T> or MapProcessor with a public parameterless constructor");
            }

            return new LoadedPackage(key, folder, context, processors, types);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>A new instance of the processor named <paramref name="name"/>; null picks the package's only processor.</summary>
    /// <exception cref="QueryException">The name is unknown, or none is given and the package holds several.</exception>
    public (ProcessorInfo Info, Processor Instance) Create(string? name)
    {
        ProcessorInfo info;
        if (string.IsNullOrEmpty(name))
        {
            if (Processors.Count > 1)
            {
                throw new QueryException($"the package '{Folder}' holds {Processors.Count} processors ({Names()}): pick one with PACKAGE:NAME");
            }

            info = Processors[0];
        }
        else
        {
            info = Processors.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new QueryException($"no processor named '{name}' in '{Folder}'; it holds: {Names()}");
        }

        return (info, Instantiate(_types[info.Name], info.Name));
    }

    public void Unload() => _context.Unload();

    private string Names() => string.Join(", ", Processors.Select(p => p.Name));

    private static IEnumerable<Type> ProcessorTypes(ProcessorLoadContext context, string path)
    {
        Type?[] types;
        try
        {
            types = context.LoadFromAssemblyPath(path).GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var cause = e.LoaderExceptions.FirstOrDefault(x => x is not null);
            throw new QueryException($"the processor assembly '{path}' cannot be loaded: {cause?.Message ?? e.Message}", e);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new QueryException($"the processor assembly '{path}' cannot be loaded: {e.Message}", e);
        }

        return types.Where(t => t is { IsPublic: true, IsAbstract: false, ContainsGenericParameters: false }
                && typeof(Processor).IsAssignableFrom(t)
                && t.GetConstructor(Type.EmptyTypes) is not null)
            .Cast<Type>()
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
    }

    private static ProcessorInfo Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<ProcessorAttribute>();
        var name = string.IsNullOrWhiteSpace(attribute?.Name) ? type.Name : attribute.Name;
        var instance = Instantiate(type, name);
        try
        {
            return new ProcessorInfo(name, type.FullName ?? type.Name, attribute?.Description, instance.WritesOutputRows, [.. instance.Columns], [.. instance.ResultColumns]);
        }
        catch (Exception e)
        {
            throw new QueryException($"processor {name}: reading its Columns or ResultColumns threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    private static Processor Instantiate(Type type, string name)
    {
        try
        {
            return (Processor)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new QueryException($"processor {name}: its constructor threw {inner.GetType().Name}: {inner.Message}", inner);
        }
    }

    /// <summary>True for a managed assembly that references OrleansProc.Sdk (read from its metadata, not loaded); the SDK itself is not one.</summary>
    private static bool ReferencesSdk(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var pe = new PEReader(file);
            if (!pe.HasMetadata)
            {
                return false;
            }

            var metadata = pe.GetMetadataReader();
            if (metadata.IsAssembly && metadata.StringComparer.Equals(metadata.GetAssemblyDefinition().Name, "OrleansProc.Sdk"))
            {
                return false;
            }

            foreach (var handle in metadata.AssemblyReferences)
            {
                if (metadata.StringComparer.Equals(metadata.GetAssemblyReference(handle).Name, "OrleansProc.Sdk"))
                {
                    return true;
                }
            }

            return false;
        }
        catch (BadImageFormatException)
        {
            return false; // a native library beside the managed ones
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Folder} ({Processors.Count} processors, {Leases} leases)");
}
