using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Joins;
using OrleansProc.Grains.Processors;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// The processor of a job's plan from this silo's <see cref="ProcessorCache"/>: compiled from the plan, or, for a
/// query with JOIN, built once per silo and job by reading the broadcast datasets' blobs whole with the Engine's
/// record scanner (<see cref="BroadcastJoin"/>) and hashing them.
/// </summary>
public static class PlanProcessors
{
    /// <summary>
    /// The processor of <paramref name="plan"/>, cached under <paramref name="jobId"/>; a user processor's pinned
    /// package version comes from this silo's download of it (<paramref name="packages"/>).
    /// </summary>
    public static async Task<IPartitionProcessor> GetAsync(ProcessorCache processors, BlobStore store, ProcessorPackages packages, string jobId, QueryPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processors);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(plan);
        var spec = QueryPlans.ProcessorSpecOf(plan);
        var schema = QueryPlans.SchemaOf(plan);
        if (plan.Kind == JobKind.Run)
        {
            var folder = await packages.GetFolderAsync(plan.Processor ?? string.Empty, plan.ProcessorVersion ?? string.Empty, cancellationToken).ConfigureAwait(false);
            return processors.GetOrCreate(jobId, spec with { PackageFolder = folder }, schema);
        }

        return await GetAsync(processors, store, jobId, plan, spec, schema, cancellationToken).ConfigureAwait(false);
    }

    private static Task<IPartitionProcessor> GetAsync(ProcessorCache processors, BlobStore store, string jobId, QueryPlan plan, ProcessorSpec spec, TableSchema schema, CancellationToken cancellationToken)
    {
        if (plan.Tables is not { } tables)
        {
            return Task.FromResult(processors.GetOrCreate(jobId, spec, schema));
        }

        return processors.GetOrCreateAsync(
            jobId,
            spec,
            schema,
            token => BroadcastJoin.CreateAsync(SqlParser.Parse(plan.Sql ?? string.Empty), Inputs(store, tables), plan.ScannedTable, spec.Options(), token),
            cancellationToken);
    }

    /// <summary>The Engine's view of a plan's tables: schema, format, CSV delimiter, whole-blob slices, opened from the datasets container.</summary>
    public static IReadOnlyList<BroadcastTableInput> Inputs(BlobStore store, IReadOnlyList<PlanTable> tables)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tables);
        return tables.Select(t => new BroadcastTableInput(
            QueryPlans.SchemaOf(t.Columns),
            DataFormats.TryParse(t.Format, out var format) ? format : throw new InvalidOperationException($"the plan of dataset '{t.Dataset}' names an unknown format '{t.Format}'"),
            t.Blobs.Select(SliceSpecs.ToInput).ToList(),
            (slice, token) => store.OpenStreamingReadAsync(store.Datasets, slice.BlobName, 0, token),
            t.Delimiter)).ToList();
    }
}
