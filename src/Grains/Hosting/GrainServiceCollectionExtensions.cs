using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansProc.Contracts;
using Microsoft.Extensions.Options;
using OrleansProc.Engine.Isolation;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.ProcessorStore;
using OrleansProc.Grains.Datasets;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Jobs.Retention;
using OrleansProc.Grains.Partitions;
using OrleansProc.Grains.Placement;
using OrleansProc.Grains.Processors;
using OrleansProc.Grains.Storage;
using OrleansProc.Grains.Telemetry;

namespace OrleansProc.Grains.Hosting;

/// <summary>Registers what the grains need: blob storage, the catalog, the planner, the merger, the worker pool and the per-silo cache of compiled processors.</summary>
public static class GrainServiceCollectionExtensions
{
    public static ISiloBuilder AddOrleansProcGrains(this ISiloBuilder silo, BlobServiceClient blobs)
    {
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(blobs);
        services.AddSingleton<BlobStore>();
        services.AddSingleton<DatasetCatalog>();
        // --isolation process: one pool of worker processes per silo, one worker per partition slot, started on first use.
        services.TryAddSingleton(sp => new WorkerPool(
            WorkerPoolOptions.FromEnvironment(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.Slots), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IProcessorFactory>(sp => new ProcessorFactory(new IsolatedProcessorFactory(sp.GetRequiredService<WorkerPool>())));
        services.AddSingleton(sp => new ProcessorCache(sp.GetRequiredService<IProcessorFactory>()));
        services.TryAddSingleton(new ProcessorPackageCache(ProcessorBlobNames.CacheRoot));
        services.AddSingleton<ProcessorPackages>();
        services.AddSingleton<JobPlanner>();
        services.AddSingleton<JobMerger>();
        services.AddSingleton<SiloLoadCounters>();
        services.AddMetrics();
        services.AddSingleton<OrleansProcMetrics>();
        services.AddSingleton<PartitionRunner>();
        services.AddHostedService<SiloLoadPublisher>();
        services.AddOptions<JobOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobRetentionOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().ValidateDataAnnotations().ValidateOnStart();
        silo.AddPlacementDirector<RoundRobinPlacement, RoundRobinPlacementDirector>();
        return silo;
    }
}
