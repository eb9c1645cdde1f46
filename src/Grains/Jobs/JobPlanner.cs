using Microsoft.Extensions.Options;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Grains.Datasets;
using OrleansProc.Grains.Processors;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// Validates a job spec against the catalog (dataset, query, columns, types) and cuts the dataset's blobs into
/// partitions: large blobs into byte ranges, small blobs packed together. The slices of every partition go to the plan
/// blob, written once at submit (a small plan's stay in the job's state); the job's state holds per-partition counters. The query is parsed and bound
/// here, once: the bound <see cref="QueryPlan"/> goes into the job's state and every assignment (no attempt or merge
/// reads the manifest again), and the compiled processor into this silo's <see cref="ProcessorCache"/>.
/// </summary>
public sealed partial class JobPlanner(DatasetCatalog catalog, BlobStore store, IProcessorFactory factory, ProcessorCache processors, ProcessorPackages packages, IOptions<JobOptions> options)
{
    /// <param name="workers">Partitions the cluster scans at once (silos × slots), for the default partition size.</param>
    public Task<JobPlan> PlanAsync(string jobId, JobSpec spec, int workers, CancellationToken cancellationToken = default) =>
        PlanAsync(jobId, spec, workers, replan: false, cancellationToken);

    /// <summary>
    /// As <see cref="PlanAsync(string, JobSpec, int, CancellationToken)"/>; a <paramref name="replan"/> (after the
    /// dataset changed) plans only over the dataset as registered, else returns <see cref="JobPlan.Unsettled"/>.
    /// </summary>
    public async Task<JobPlan> PlanAsync(string jobId, JobSpec spec, int workers, bool replan, CancellationToken cancellationToken = default)
    {
        if (Names.Validate(jobId, "job") is { } badId)
        {
            return Reject(SubmitErrorKind.BadRequest, badId);
        }

        if (spec.PartitionSize < options.Value.MinPartitionSize)
        {
            return Reject(SubmitErrorKind.BadRequest, $"partition size {spec.PartitionSize} is too small: use at least {options.Value.MinPartitionSize} bytes");
        }

        if (spec.MaxGroups < 1)
        {
            return Reject(SubmitErrorKind.BadRequest, $"--max-groups must be at least 1, got {spec.MaxGroups}");
        }

        if (spec.MaxGroups > options.Value.MaxGroupsCap)
        {
            return Reject(SubmitErrorKind.BadRequest, $"--max-groups {spec.MaxGroups} is above this cluster's cap of {options.Value.MaxGroupsCap} (ORLEANSPROC_MAX_GROUPS_CAP)");
        }

        if (spec.PartitionTimeout <= TimeSpan.Zero)
        {
            return Reject(SubmitErrorKind.BadRequest, $"--partition-timeout must be positive, got {spec.PartitionTimeout}");
        }

        if (spec.OutputFormat is { } outputFormat && !(DataFormats.TryParse(outputFormat, out var writes) && OutputFiles.CanWrite(writes)))
        {
            return Reject(SubmitErrorKind.BadRequest, $"--output-format must be csv or parquet, got '{outputFormat}'");
        }

        if (spec.Kind == JobKind.Run)
        {
            return await PlanRunAsync(jobId, spec, workers, replan, cancellationToken).ConfigureAwait(false);
        }

        string dataset;
        SqlQuery? query = null;
        if (spec.Kind == JobKind.WordCount)
        {
            dataset = spec.Dataset ?? string.Empty;
            if (spec.Top < 1)
            {
                return Reject(SubmitErrorKind.BadRequest, $"--top must be at least 1, got {spec.Top}");
            }
        }
        else
        {
            try
            {
                query = SqlParser.Parse(spec.Sql ?? string.Empty);
            }
            catch (QueryException e)
            {
                return Reject(SubmitErrorKind.BadQuery, e.Message, e.Position);
            }

            if (query.Source.FromIsPath)
            {
                return Reject(SubmitErrorKind.BadRequest, $"FROM '{SourceLocation.Quote(query.Source.From)}' names local files: the client runs such a query itself, the cluster reads datasets only");
            }

            dataset = query.Source.From;
            if (query.Joins.Count > 0)
            {
                return await PlanJoinAsync(jobId, spec, query, workers, replan, cancellationToken).ConfigureAwait(false);
            }
        }

        if (Names.Validate(dataset, "dataset") is { } badName)
        {
            return Reject(SubmitErrorKind.UnknownDataset, badName);
        }

        // The blob list does not depend on the manifest: both requests go out at once, one storage round trip less on
        // the submit's path. Each is the same snapshot as when they went out one after the other (the slices are pinned
        // to the listed ETags; a re-plan compares the two and waits while they differ). A submit rejected before it
        // uses the list leaves it unread (its failure observed here).
        var listing = catalog.ListBlobsAsync(dataset, cancellationToken);
        _ = listing.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var (manifest, missing) = await ManifestAsync(dataset, replan, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return missing!;
        }

        var processorSpec = QueryPlans.ProcessorSpecOf(spec);
        IPartitionProcessor processor;
        try
        {
            processor = factory.Create(processorSpec, manifest.ToSchema(), query);
        }
        catch (QueryException e)
        {
            return Reject(SubmitErrorKind.BadQuery, e.Message, e.Position);
        }

        if (processor.WritesOutputRows && Names.Validate(JobPaths.OutputDataset(jobId), "output dataset") is { } badOutput)
        {
            return Reject(SubmitErrorKind.BadRequest, $"{badOutput}; a transform writes to the dataset ID-out, so its job id must be at most {Names.MaxLength - 4} characters");
        }

        if (processor.WritesOutputRows && !replan && await OutputExistsAsync(JobPaths.OutputDataset(jobId), cancellationToken).ConfigureAwait(false))
        {
            return Reject(SubmitErrorKind.BadRequest, $"the output dataset '{JobPaths.OutputDataset(jobId)}' exists already: a transform never writes over a dataset (delete it, or use another job id)");
        }

        var blobs = await listing.ConfigureAwait(false);
        if (replan && InputSnapshot.Unsettled(manifest, blobs) is { } unsettled)
        {
            return new JobPlan(null, [], null) { Unsettled = $"dataset {dataset}: {unsettled}" };
        }

        if (blobs.Count == 0 && !manifest.SchemaGiven)
        {
            return Reject(SubmitErrorKind.UnknownDataset, $"dataset '{dataset}' has no blobs");
        }

        return NewPlan(jobId, spec, dataset, manifest, blobs, processorSpec, processor, workers, plan => plan);
    }

    /// <summary>
    /// The job over <paramref name="blobs"/> of <paramref name="dataset"/>, bound into <paramref name="processor"/>: its
    /// partitions (whole blobs where the format cannot be cut), its plan (completed by <paramref name="complete"/>) and
    /// its slices pinned to the listed blobs' ETags; the processor goes into this silo's cache.
    /// </summary>
    /// <summary>
    /// The manifest of dataset <paramref name="name"/>; when there is none, the plan that ends the submit instead: the
    /// dataset is unknown, or (re-planning) it is being replaced and the re-plan waits.
    /// </summary>
    private async Task<(DatasetManifest? Manifest, JobPlan? Missing)> ManifestAsync(string name, bool replan, CancellationToken cancellationToken)
    {
        var manifest = await catalog.GetManifestAsync(name, cancellationToken).ConfigureAwait(false);
        if (manifest is not null)
        {
            return (manifest, null);
        }

        return (null, replan
            ? new JobPlan(null, [], null) { Unsettled = $"dataset {name} is not registered (being replaced?)" }
            : Reject(SubmitErrorKind.UnknownDataset, $"unknown dataset '{name}': no such dataset in the catalog (see ./orleansproc dataset list)"));
    }

    private JobPlan NewPlan(
        string jobId,
        JobSpec spec,
        string dataset,
        DatasetManifest manifest,
        IReadOnlyList<DatasetBlob> blobs,
        ProcessorSpec processorSpec,
        IPartitionProcessor processor,
        int workers,
        Func<QueryPlan, QueryPlan> complete)
    {
        var outputDataset = processor.WritesOutputRows ? JobPaths.OutputDataset(jobId) : null;
        var totalBytes = blobs.Sum(b => b.Length);
        var (infos, cutBlobs) = (blobs.Select(b => new BlobInfo(b.Name, b.Length, b.Gzip)).ToList(), DataFormats.CanCutRanges(manifest.Format));
        var partitionSize = spec.PartitionSize ?? RangeCutter.DefaultPartitionSize(infos, Math.Max(1, workers), cutBlobs);
        var partitions = RangeCutter.Plan(infos, partitionSize, cutBlobs: cutBlobs);
        var record = new JobRecord
        {
            Spec = spec,
            Dataset = dataset,
            State = JobState.Running,
            BytesTotal = totalBytes,
            OutputDataset = outputDataset,
            Partitions = partitions.Select(_ => new PartitionRecord()).ToList(),
            Plan = complete(QueryPlans.Create(dataset, manifest.Format, spec, processor, outputDataset, manifest.Delimiter, manifest.StrictQuotes)),
        };
        var listed = blobs.ToDictionary(b => b.Name, StringComparer.Ordinal);
        var slices = partitions.Select(p => InputSnapshot.Pin(p.Slices.Select(SliceSpecs.FromInput), listed)).ToList();
        processors.Put(jobId, processorSpec, processor); // the partitions and the merge on this silo compile nothing
        return new JobPlan(record, slices, null);
    }

    /// <summary>
    /// The plan of a job stored before plans were kept in its record: bound again from its spec and its dataset's
    /// manifest (the processor through this silo's cache).
    /// </summary>
    public async Task<QueryPlan> RestorePlanAsync(string jobId, JobRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var manifest = await catalog.GetManifestAsync(record.Dataset, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"dataset '{record.Dataset}' was deleted while the job ran");
        var processor = processors.GetOrCreate(jobId, QueryPlans.ProcessorSpecOf(record.Spec!), manifest.ToSchema());
        return QueryPlans.Create(record.Dataset, manifest.Format, record.Spec!, processor, record.OutputDataset, manifest.Delimiter, manifest.StrictQuotes);
    }

    /// <summary>
    /// Stores the slices of a job's partitions (once per plan version: at submit, and at each re-plan under a new
    /// name, before the state that refers to it): a small plan in <paramref name="record"/> itself (see
    /// <see cref="InlineLimits.MaxPlanSlices"/>), a larger one in the plan blob of <paramref name="version"/>.
    /// </summary>
    public async Task SavePlanAsync(string jobId, JobRecord record, IReadOnlyList<IReadOnlyList<SliceSpec>> slices, int version = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(slices);
        await store.EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        if (slices.Sum(s => s.Count) <= InlineLimits.MaxPlanSlices)
        {
            record.Slices = slices.Select(s => s.ToList()).ToList();
            return;
        }

        record.Slices = null;
        await WritePlanBlobAsync(jobId, slices, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the plan blob of <paramref name="version"/>. Besides a large plan's slices, the first plan blob is how the
    /// retention sweep finds a job, so a plan kept in the state is written there too (nothing reads it back).
    /// </summary>
    public Task WritePlanBlobAsync(string jobId, IReadOnlyList<IReadOnlyList<SliceSpec>> slices, int version = 0, CancellationToken cancellationToken = default) =>
        store.UploadJsonAsync(store.Jobs, JobPaths.Plan(jobId, version), slices, cancellationToken);

    /// <summary>The slices of a job's partitions, as <see cref="SavePlanAsync"/> stored them: from the record, or its plan blob.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<SliceSpec>>> LoadPlanAsync(string jobId, JobRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Slices is { } inline)
        {
            return inline;
        }

        return await store.ReadJsonAsync<List<List<SliceSpec>>>(store.Jobs, JobPaths.Plan(jobId, record.Replans), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"job {jobId}: its plan blob {StorageNames.JobsContainer}/{JobPaths.Plan(jobId, record.Replans)} is missing");
    }

    /// <summary>A dataset of that name is registered, or blobs lie under its prefix.</summary>
    private async Task<bool> OutputExistsAsync(string outputDataset, CancellationToken cancellationToken) =>
        await catalog.GetManifestAsync(outputDataset, cancellationToken).ConfigureAwait(false) is not null
        || (await catalog.ListBlobsAsync(outputDataset, cancellationToken).ConfigureAwait(false)).Count > 0;

    private static JobPlan Reject(SubmitErrorKind kind, string message, int position = -1) =>
        new(null, [], SubmitOutcome.Rejected(kind, message, position));
}
