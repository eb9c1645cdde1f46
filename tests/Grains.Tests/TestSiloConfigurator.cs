using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using OrleansProc.Contracts;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Grains.Hosting;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Tests.Jobs;

namespace OrleansProc.Grains.Tests;

/// <summary>Test silos: grain state and reminders in memory, datasets and partials in the fixture's Azurite, traces propagated, compilations counted.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public const string StorageKey = "OrleansProcTestStorage";

    /// <summary>A small result limit, so a test can pass it with a small dataset.</summary>
    public const int MaxResultRows = 5_000;

    public void Configure(ISiloBuilder siloBuilder)
    {
        var storage = siloBuilder.Configuration[StorageKey] ?? throw new InvalidOperationException($"{StorageKey} is not set");
        siloBuilder.AddActivityPropagation();
        // Grain state in blob storage as on a real silo: the coordinator's writes meet ETags and conflicts for real.
        siloBuilder.AddAzureBlobGrainStorage("state", o =>
        {
            o.BlobServiceClient = new BlobServiceClient(storage);
            o.ContainerName = StorageNames.GrainStateContainer;
        });
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.Services.AddSingleton<AttemptGate>();
        siloBuilder.Services.AddSingleton<CountingProcessorFactory>();
        siloBuilder.Services.AddSingleton<IProcessorFactory>(sp => sp.GetRequiredService<CountingProcessorFactory>());
        siloBuilder.AddOrleansProcGrains(new BlobServiceClient(storage));
        siloBuilder.Services.Configure<JobOptions>(o => o.MaxResultRows = MaxResultRows);
    }
}
