using Microsoft.Extensions.Options;
using Azure.Storage.Blobs.Specialized;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Grains.Datasets;
using OrleansProc.Grains.Processors;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// Merges the partials a job's partitions left in blob storage (downloads overlap, merges go in partition order),
/// finishes the result, stores it as a blob, and registers a transform's output dataset. Works from the job's
/// <see cref="QueryPlan"/>: the processor comes from this silo's <see cref="ProcessorCache"/> (the planner's, when the
/// merge runs where the job was planned), the manifest is not read.
/// </summary>
public sealed class JobMerger(BlobStore store, DatasetCatalog catalog, JobPlanner planner, ProcessorCache processors, ProcessorPackages packages, IOptions<JobOptions> options, TimeProvider time)
{
    private const int ParallelDownloads = 8;

    /// <summary>
    /// Merges the partials of <paramref name="record"/>'s recorded attempts (those in <paramref name="inline"/> from
    /// memory, those stored with their record from the state, the others from their blobs) into the finished result. Reads only: what is to be written (see
    /// <see cref="JobMerge.WritesBesideTheState"/>) is written by <see cref="CommitAsync"/>.
    /// </summary>
    public async Task<JobMerge> MergeAsync(string jobId, JobRecord record, InlinePartials? inline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var plan = record.Plan ?? await planner.RestorePlanAsync(jobId, record, cancellationToken).ConfigureAwait(false);
        var processor = await PlanProcessors.GetAsync(processors, store, packages, jobId, plan, cancellationToken).ConfigureAwait(false);

        var table = await Task.Run(() => MergePartialsAsync(jobId, record, processor, inline, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (table.Rows.Count > options.Value.MaxResultRows)
        {
            throw new ResultTooLargeException(
                $"the result has {table.Rows.Count:N0} rows, more than the limit of {options.Value.MaxResultRows:N0} (ORLEANSPROC_MAX_RESULT_ROWS): add a LIMIT, group more coarsely, or drop ORDER BY so the rows go to an output dataset");
        }

        var format = QueryPlans.OutputFormatOf(plan);
        var result = JobResult.FromTable(jobId, table.ColumnNames(), table.TypeNames(), table.TextRows(), table.TotalRows) with
        {
            OutputDataset = record.OutputDataset,
            OutputBlobs = record.OutputDataset is { } output
                ? WrittenPartitions(record).Select(i => JobPaths.OutputBlob(output, i, format)).ToList()
                : [],
            RowsRead = record.Partitions.Sum(p => p.Rows),
            BytesRead = record.Partitions.Sum(p => p.Bytes),
            BadRecords = record.Partitions.Sum(p => p.BadRecords),
            RowGroupsSkipped = record.Partitions.Sum(p => p.RowGroupsSkipped),
            BadRecordSamples = record.BadRecordSamples.ToList(),
            Elapsed = time.GetUtcNow() - record.SubmittedAt,
        };

        return new JobMerge(result, table.Columns, format, BinaryData.FromObjectAsJson(result, BlobStore.Json));
    }

    /// <summary>
    /// Writes what <paramref name="merge"/> needs besides the job's state: a transform's output (the recorded attempts'
    /// blocks committed, its manifest registered) and a result too large for the state (the result blob).
    /// </summary>
    public async Task CommitAsync(string jobId, JobRecord record, JobMerge merge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(merge);
        if (record.OutputDataset is { } outputDataset)
        {
            await CommitOutputAsync(outputDataset, record, merge.OutputFormat, cancellationToken).ConfigureAwait(false);
            await catalog.WriteManifestAsync(
                new DatasetManifest
                {
                    Name = outputDataset,
                    Format = merge.OutputFormat,
                    Columns = merge.Columns,
                    SchemaGiven = true,
                    RegisteredAt = time.GetUtcNow(),
                },
                cancellationToken).ConfigureAwait(false);
        }

        if (!merge.FitsState)
        {
            await store.UploadAsync(store.Jobs, JobPaths.Result(jobId), merge.Json, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<JobResult?> ReadResultAsync(string jobId, CancellationToken cancellationToken = default) =>
        store.ReadJsonAsync<JobResult>(store.Jobs, JobPaths.Result(jobId), cancellationToken);

    /// <summary>Deletes the partial blobs of a job.</summary>
    public Task DeletePartialsAsync(string jobId, CancellationToken cancellationToken = default) =>
        store.DeletePrefixAsync(store.Jobs, JobPaths.PartialsPrefix(jobId), cancellationToken);

    /// <summary>Deletes every blob of a job (plans, partials, result; not its output dataset); returns how many.</summary>
    public Task<int> DeleteArtefactsAsync(string jobId, CancellationToken cancellationToken = default) =>
        store.DeletePrefixAsync(store.Jobs, JobPaths.Prefix(jobId), cancellationToken);

    /// <summary>Deletes what a transform wrote (on failure or cancel).</summary>
    public Task DeleteOutputAsync(string outputDataset, CancellationToken cancellationToken = default) =>
        catalog.DeleteAsync(outputDataset, cancellationToken);

    /// <summary>The partitions whose recorded attempt wrote output rows (a partition whose rows were all filtered out wrote no block).</summary>
    private static IEnumerable<int> WrittenPartitions(JobRecord record) =>
        Enumerable.Range(0, record.Partitions.Count).Where(i => record.Partitions[i].OutputBlocks > 0);

    /// <summary>
    /// Makes each output blob of a transform the blocks of the attempt the job recorded, and only those: blocks staged
    /// by other attempts (a presumed-dead one that went on) are never committed. Committing again is harmless. A
    /// partition without rows leaves no blob, so every blob of the output dataset holds a header and records.
    /// </summary>
    private async Task CommitOutputAsync(string outputDataset, JobRecord record, DataFormat format, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            WrittenPartitions(record),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var partition = record.Partitions[i];
                var blob = store.Datasets.GetBlockBlobClient(JobPaths.OutputBlob(outputDataset, i, format));
                await blob.CommitBlockListAsync(OutputBlocks.Ids(partition.Attempt, partition.OutputBlocks), cancellationToken: ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private async Task<ResultTable> MergePartialsAsync(string jobId, JobRecord record, IPartitionProcessor processor, InlinePartials? inline, CancellationToken cancellationToken)
    {
        var merged = processor.CreatePartial(record.OutputDataset is null ? null : Stream.Null);
        for (var start = 0; start < record.Partitions.Count; start += ParallelDownloads)
        {
            var batch = Enumerable.Range(start, Math.Min(ParallelDownloads, record.Partitions.Count - start))
                .Select(i => inline?.Find(i, record.Partitions[i].Attempt) is { } kept
                    ? Task.FromResult(new BinaryData(kept))
                    : record.Partitions[i].Partial is { } stored
                        ? Task.FromResult(new BinaryData(Convert.FromBase64String(stored)))
                        : store.ReadAllAsync(store.Jobs, JobPaths.Partial(jobId, i, record.Partitions[i].Attempt), cancellationToken))
                .ToList();
            foreach (var download in batch)
            {
                var data = await download.ConfigureAwait(false);
                using var stream = data.ToStream();
                merged.Merge(processor.ReadPartial(stream));
            }
        }

        return processor.Finish(merged);
    }
}
