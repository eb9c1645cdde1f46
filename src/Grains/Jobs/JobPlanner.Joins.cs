using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Joins;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Grains.Datasets;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// Planning a query with JOIN: every table is a dataset of the catalog; the one over the broadcast limit is cut into
/// partitions, the others go whole into the plan, each blob pinned to its ETag as listed (every silo reads the version
/// the planner read, or the job fails as when its scanned dataset changes).
/// </summary>
public sealed partial class JobPlanner
{
    private async Task<JobPlan> PlanJoinAsync(string jobId, JobSpec spec, SqlQuery query, int workers, bool replan, CancellationToken cancellationToken)
    {
        try
        {
            BroadcastJoin.CheckSupported(query);
        }
        catch (QueryException e)
        {
            return Reject(SubmitErrorKind.BadQuery, e.Message, e.Position);
        }

        var names = new List<string> { query.From };
        foreach (var join in query.Joins)
        {
            if (join.SourceIsPath)
            {
                return Reject(SubmitErrorKind.BadRequest, $"JOIN '{SourceLocation.Quote(join.Source)}' names local files: the client runs such a query itself, the cluster reads datasets only");
            }

            names.Add(join.Source);
        }

        var manifests = new List<DatasetManifest>(names.Count);
        var blobLists = new List<IReadOnlyList<DatasetBlob>>(names.Count);
        foreach (var name in names)
        {
            if (Names.Validate(name, "dataset") is { } badName)
            {
                return Reject(SubmitErrorKind.UnknownDataset, badName);
            }

            var (manifest, missing) = await ManifestAsync(name, replan, cancellationToken).ConfigureAwait(false);
            if (manifest is null)
            {
                return missing!;
            }

            var blobs = await catalog.ListBlobsAsync(name, cancellationToken).ConfigureAwait(false);
            if (replan && InputSnapshot.Unsettled(manifest, blobs) is { } unsettled)
            {
                return new JobPlan(null, [], null) { Unsettled = $"dataset {name}: {unsettled}" };
            }

            if (blobs.Count == 0)
            {
                return Reject(SubmitErrorKind.UnknownDataset, $"dataset '{name}' has no blobs");
            }

            manifests.Add(manifest);
            blobLists.Add(blobs);
        }

        var limit = spec.BroadcastLimit ?? options.Value.BroadcastLimit;
        if (limit < 0)
        {
            return Reject(SubmitErrorKind.BadRequest, $"--broadcast-limit must not be negative, got {limit}");
        }

        var processorSpec = QueryPlans.ProcessorSpecOf(spec) with { BroadcastLimit = limit };
        int scanned;
        List<PlanTable> tables;
        IPartitionProcessor processor;
        try
        {
            scanned = BroadcastJoin.ChooseScanned(query, blobLists.Select(b => b.Sum(x => x.Length)).ToList(), limit);
            tables = manifests.Select((m, i) => new PlanTable
            {
                Dataset = names[i],
                Format = DataFormats.Name(m.Format),
                Delimiter = m.Delimiter,
                Columns = m.Columns.Select(c => new PlanColumn(c.Name, SqlTypeNames.Name(c.Type))).ToList(),
                Blobs = i == scanned ? [] : blobLists[i].Select(b => new SliceSpec { BlobName = b.Name, Gzip = b.Gzip, ETag = b.ETag, BlobLength = b.Length }).ToList(),
            }).ToList();
            processor = await PlanProcessors.CreateJoinAsync(query, store, tables, scanned, processorSpec.Options(), cancellationToken).ConfigureAwait(false);
        }
        catch (InputChangedException e) when (replan)
        {
            return new JobPlan(null, [], null) { Unsettled = $"dataset {e.Dataset} changed while it was planned (blob {e.Blob})" };
        }
        catch (InputChangedException e)
        {
            return Reject(SubmitErrorKind.BadRequest, InputSnapshot.ChangedError(e.Dataset, jobId, e.Blob));
        }
        catch (QueryException e)
        {
            return Reject(SubmitErrorKind.BadQuery, e.Message, e.Position);
        }
        catch (BadRecordException e)
        {
            return Reject(SubmitErrorKind.BadRequest, $"a joined dataset has a bad record: {e.Message}");
        }

        if (processor.WritesOutputRows && Names.Validate(JobPaths.OutputDataset(jobId), "output dataset") is { } badOutput)
        {
            return Reject(SubmitErrorKind.BadRequest, $"{badOutput}; a transform writes to the dataset ID-out, so its job id must be at most {Names.MaxLength - 4} characters");
        }

        var joined = NewPlan(
            jobId, spec, names[scanned], manifests[scanned], blobLists[scanned], processorSpec, processor, workers,
            plan => plan with { Tables = tables, ScannedTable = scanned, BroadcastLimit = limit });
        processors.Put(PlanProcessors.CacheKey(jobId, joined.Record!.Plan!), processorSpec, processor);
        return joined;
    }
}
