using System.Security.Cryptography;
using System.Text;
using Azure;
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
/// record scanner (<see cref="BroadcastJoin"/>), each If-Match its ETag as planned, and hashing them.
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
            CacheKey(jobId, plan),
            spec,
            schema,
            token => CreateJoinAsync(SqlParser.Parse(plan.Sql ?? string.Empty), store, tables, plan.ScannedTable, spec.Options(), token),
            cancellationToken);
    }

    /// <summary>
    /// The key of a plan's processor in the <see cref="ProcessorCache"/>: the job id, and for a join also the ETags of
    /// its broadcast tables' blobs, so that a job planned again over a changed table (<c>--snapshot retry</c>) never
    /// joins with the table a silo hashed before.
    /// </summary>
    public static string CacheKey(string jobId, QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Tables is not { } tables)
        {
            return jobId;
        }

        var versions = string.Join('\n', tables.SelectMany(t => t.Blobs.Select(b => $"{t.Dataset}/{b.BlobName}@{b.ETag}")));
        return $"{jobId}#{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(versions)), 0, 8)}";
    }

    /// <summary>
    /// The join's processor, its broadcast tables read whole; a table whose blob changed since
    /// the plan was made is an <see cref="InputChangedException"/> naming it.
    /// </summary>
    public static async Task<IPartitionProcessor> CreateJoinAsync(SqlQuery query, BlobStore store, IReadOnlyList<PlanTable> tables, int scanned, SqlProcessorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var reading = new string[] { "?", "?" };
        try
        {
            return await BroadcastJoin.CreateAsync(query, Inputs(store, tables, reading), scanned, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (InputChangedException.Find(e) is null && InputSnapshot.IsChanged(e) && tables.Any(t => t.Blobs.Any(b => b.ETag is not null)))
        {
            // A blob changed while its stream was read (the SDK resumes a broken download If-Match the ETag): the last one opened.
            throw new InputChangedException(reading[0], reading[1], e);
        }
    }

    /// <summary>
    /// The Engine's view of a plan's tables: schema, format, CSV delimiter, whole-blob slices, opened from the datasets
    /// container If-Match each blob's planned ETag (see <see cref="InputSnapshot"/>).
    /// </summary>
    /// <param name="reading">Set to the dataset and blob last opened.</param>
    private static List<BroadcastTableInput> Inputs(BlobStore store, IReadOnlyList<PlanTable> tables, string[] reading)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tables);
        return tables.Select(t => new BroadcastTableInput(
            QueryPlans.SchemaOf(t.Columns),
            DataFormats.TryParse(t.Format, out var format) ? format : throw new InvalidOperationException($"the plan of dataset '{t.Dataset}' names an unknown format '{t.Format}'"),
            t.Blobs.Select(SliceSpecs.ToInput).ToList(),
            (slice, token) =>
            {
                reading[0] = t.Dataset;
                reading[1] = slice.BlobName;
                return OpenPinnedAsync(store, t, slice.BlobName, token);
            },
            t.Delimiter)).ToList();
    }

    private static async Task<Stream> OpenPinnedAsync(BlobStore store, PlanTable table, string blobName, CancellationToken cancellationToken)
    {
        var etag = InputSnapshot.ETagOf(table.Blobs, blobName);
        try
        {
            return await store.OpenStreamingReadAsync(store.Datasets, blobName, 0, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (etag is not null && InputSnapshot.IsChanged(e))
        {
            throw new InputChangedException(table.Dataset, blobName, e);
        }
    }
}
