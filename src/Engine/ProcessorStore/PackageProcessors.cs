using OrleansProc.Engine.Schema;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Engine.ProcessorStore;

/// <summary>What a package folder's processors are, for its manifest: found by loading it (and unloading it after).</summary>
public static class PackageProcessors
{
    /// <summary>The processors in <paramref name="folder"/>.</summary>
    /// <exception cref="Processing.QueryException">The folder holds no loadable processor.</exception>
    public static IReadOnlyList<PackageProcessor> Discover(string folder, ProcessorPackageLoader? loader = null)
    {
        using var package = (loader ?? ProcessorPackageLoader.Shared).Acquire(folder);
        return package.Processors.Select(Describe).ToList();
    }

    /// <summary>A manifest's description of one processor.</summary>
    public static PackageProcessor Describe(ProcessorInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new PackageProcessor
        {
            Name = info.Name,
            Description = info.Description,
            Kind = info.IsMap ? "map" : "aggregate",
            Columns = info.Columns,
            ResultColumns = info.ResultColumns.Select(c => $"{c.Name} {SqlTypeNames.Name(ResultValues.SqlTypeOf(c.Type))}").ToList(),
        };
    }
}
