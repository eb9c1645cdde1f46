using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using OrleansProc.Contracts;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Grains.Hosting;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Partitions;
using OrleansProc.Grains.Tests.Jobs;
using OrleansProc.Grains.Tests.Storage;

namespace OrleansProc.Grains.Tests;

/// <summary>Test silos: grain state and reminders in memory, datasets and partials in the fixture's Azurite, traces propagated, compilations and storage requests counted.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public const string StorageKey = "OrleansProcTestStorage";

    /// <summary>A small result limit, so a test can pass it with a small dataset.</summary>
    public const int MaxResultRows = 5_000;

    /// <summary>Every read of a blob whose name contains this answers 503 (<see cref="WorkerOptions.FaultBlob"/>).</summary>
    public const string Fault503Blob = "always503";

    /// <summary>The first attempt of a partition reading a blob whose name contains this hangs (<see cref="WorkerOptions.FaultHangBlob"/>).</summary>
    public const string HangBlob = "hangsfirst";

    /// <summary>No silo starts a partition of a job whose id contains this (<see cref="WorkerOptions.FaultStart"/>).</summary>
    public const string NoStartJob = "nostart";

    /// <summary>Small retry budgets, so that a test reaches them in seconds.</summary>
    public const int MaxStorageRetries = 4;

    /// <summary>See <see cref="MaxStorageRetries"/>.</summary>
    public const int MaxStartFailures = 4;

    /// <summary>A straggler is copied after this long (short for the test; long enough for no other test's partition to reach it).</summary>
    public static readonly TimeSpan SpeculationMinRuntime = TimeSpan.FromSeconds(15);

    public void Configure(ISiloBuilder siloBuilder)
    {
        var storage = siloBuilder.Configuration[StorageKey] ?? throw new InvalidOperationException($"{StorageKey} is not set");
        siloBuilder.AddActivityPropagation();
        // Every storage request of the silo's blob clients is logged, so that a test can count a job's.
        var requests = new StorageRequestLog();
        var logged = new BlobClientOptions();
        logged.AddPolicy(requests, HttpPipelinePosition.PerCall);
        siloBuilder.Services.AddSingleton(requests);
        // Grain state in blob storage as on a real silo: the coordinator's writes meet ETags and conflicts for real.
        siloBuilder.AddAzureBlobGrainStorage("state", o =>
        {
            o.BlobServiceClient = new BlobServiceClient(storage, logged);
            o.ContainerName = StorageNames.GrainStateContainer;
        });
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.Services.AddSingleton<AttemptGate>();
        siloBuilder.Services.AddSingleton<CountingProcessorFactory>();
        siloBuilder.Services.AddSingleton<IProcessorFactory>(sp => sp.GetRequiredService<CountingProcessorFactory>());
        siloBuilder.AddOrleansProcGrains(new BlobServiceClient(storage, logged));
        siloBuilder.Services.Configure<JobOptions>(o =>
        {
            o.MaxResultRows = MaxResultRows;
            o.MaxStorageRetries = MaxStorageRetries;
            o.MaxStartFailures = MaxStartFailures;
            o.SpeculationMinRuntime = SpeculationMinRuntime;
        });
        siloBuilder.Services.Configure<WorkerOptions>(o =>
        {
            o.FaultBlob = Fault503Blob;
            o.FaultStatus = 503;
            o.FaultHangBlob = HangBlob;
            o.FaultStart = NoStartJob;
        });
    }
}
