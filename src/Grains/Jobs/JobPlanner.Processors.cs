using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.ProcessorStore;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql;
using OrleansProc.Grains.Processors;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Jobs;

/// <summary>The plan of a <see cref="JobKind.Run"/> job: a user processor from the store over a dataset.</summary>
public sealed partial class JobPlanner
{
    /// <summary>
    /// Resolves the processor's version (the one asked for, or the latest) and pins the job to it, loads that version
    /// from this silo's cache (downloading it first) to learn the columns it reads, then cuts the dataset as for a query.
    /// </summary>
    private async Task<JobPlan> PlanRunAsync(string jobId, JobSpec spec, int workers, bool replan, CancellationToken cancellationToken)
    {
        var name = spec.Processor ?? string.Empty;
        if (Names.Validate(name, "processor") is { } badProcessor)
        {
            return Reject(SubmitErrorKind.BadRequest, badProcessor);
        }

        var dataset = spec.Dataset ?? string.Empty;
        if (Names.Validate(dataset, "dataset") is { } badDataset)
        {
            return Reject(SubmitErrorKind.UnknownDataset, badDataset);
        }

        if (spec.Isolation is not (null or "thread" or "process"))
        {
            return Reject(SubmitErrorKind.BadRequest, $"--isolation must be thread or process, got '{spec.Isolation}'");
        }

        var versions = await packages.VersionsAsync(name, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return Reject(SubmitErrorKind.BadRequest, $"unknown processor '{name}': no such package in the processor store (see ./orleansproc processor list; upload one with ./orleansproc processor upload)");
        }

        string? notFound = null;
        var version = spec.ProcessorVersion is { } requested
            ? ProcessorPackageManifest.Find(versions, name, requested, out notFound)
            : ProcessorPackageManifest.Latest(versions);
        if (version is null)
        {
            return Reject(SubmitErrorKind.BadRequest, notFound ?? $"processor '{name}' has no version");
        }

        var pinned = spec with { ProcessorVersion = version.Version };
        var (manifest, missing) = await ManifestAsync(dataset, replan, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return missing!;
        }

        var folder = await packages.GetFolderAsync(version, cancellationToken).ConfigureAwait(false);
        ProcessorSpec processorSpec;
        IPartitionProcessor processor;
        try
        {
            processorSpec = QueryPlans.ProcessorSpecOf(pinned) with { PackageFolder = folder };
            processor = factory.Create(processorSpec, manifest.ToSchema());
        }
        catch (QueryException e)
        {
            return Reject(SubmitErrorKind.BadQuery, $"processor '{name}' version {version.Version}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Reject(SubmitErrorKind.BadRequest, $"processor '{name}' version {version.Version} cannot run: {e.GetType().Name}: {e.Message}");
        }

        if (processor.WritesOutputRows && Names.Validate(JobPaths.OutputDataset(jobId), "output dataset") is { } badOutput)
        {
            return Reject(SubmitErrorKind.BadRequest, $"{badOutput}; a map processor writes to the dataset ID-out, so its job id must be at most {Names.MaxLength - 4} characters");
        }

        var blobs = await catalog.ListBlobsAsync(dataset, cancellationToken).ConfigureAwait(false);
        if (replan && InputSnapshot.Unsettled(manifest, blobs) is { } unsettled)
        {
            return new JobPlan(null, [], null) { Unsettled = $"dataset {dataset}: {unsettled}" };
        }

        if (blobs.Count == 0 && !manifest.SchemaGiven)
        {
            return Reject(SubmitErrorKind.UnknownDataset, $"dataset '{dataset}' has no blobs");
        }

        return NewPlan(jobId, pinned, dataset, manifest, blobs, processorSpec, processor, workers, plan => plan with
        {
            Processor = name,
            ProcessorVersion = version.Version,
            ProcessorName = pinned.ProcessorName,
            Arguments = processorSpec.Arguments,
            Isolation = pinned.Isolation,
        });
    }
}
