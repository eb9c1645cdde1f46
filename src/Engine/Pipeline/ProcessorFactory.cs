using System.Runtime.CompilerServices;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.UserProcessors;
using OrleansProc.Engine.WordCount;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// The one place a job's spec becomes the Engine's processor, for local mode, the cluster's planner, its partitions
/// and its merge alike: a SQL query (<see cref="SqlProcessor"/>), a word count (<see cref="WordCountProcessor"/>) or a
/// user processor: in this process (<see cref="ProcessorIsolation.Thread"/>, loaded by <paramref name="loader"/>) or
/// in worker processes (<see cref="ProcessorIsolation.Process"/>, made by <paramref name="isolated"/>). Thread-safe.
/// </summary>
/// <param name="isolated">Makes the processors of <see cref="ProcessorIsolation.Process"/> specs; null: such specs are refused.</param>
/// <param name="loader">Loads user processor packages; null for <see cref="ProcessorPackageLoader.Shared"/>.</param>
public sealed class ProcessorFactory(IIsolatedProcessorFactory? isolated = null, ProcessorPackageLoader? loader = null) : IProcessorFactory
{
    private readonly ProcessorPackageLoader _loader = loader ?? ProcessorPackageLoader.Shared;

    /// <summary>The shared instance.</summary>
    public static ProcessorFactory Instance { get; } = new();

    /// <inheritdoc/>
    public IPartitionProcessor Create(ProcessorSpec spec, TableSchema schema, SqlQuery? parsed = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        var options = spec.Options();
        return spec.Kind switch
        {
            ProcessorKind.WordCount => WordCountProcessor.Create(schema, spec.Column ?? string.Empty, spec.Top, options.MaxGroups),
            ProcessorKind.User when spec.Isolation == ProcessorIsolation.Process => isolated?.Create(spec, schema)
                ?? throw new QueryException("--isolation process needs a pool of worker processes, which this host does not have; run with --isolation thread"),
            // A user processor loads its package's assemblies at run time, which a Native AOT build cannot (the AOT
            // compiler folds this check, so the loader is not compiled into such a build).
            ProcessorKind.User when !RuntimeFeature.IsDynamicCodeSupported =>
                throw new QueryException("a user processor loads .NET assemblies at run time, which this Native AOT build of the client cannot: run it with the managed client"),
            ProcessorKind.User => UserProcessor.Create(_loader, spec, schema),
            _ => SqlProcessor.Create(parsed ?? SqlParser.Parse(spec.Sql ?? string.Empty), schema, options),
        };
    }
}
