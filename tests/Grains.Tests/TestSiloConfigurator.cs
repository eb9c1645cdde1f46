using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OrleansProc.Grains.Hosting;

namespace OrleansProc.Grains.Tests;

/// <summary>Test silos: grain state and reminders in memory, datasets and partials in the fixture's Azurite, traces propagated.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public const string StorageKey = "OrleansProcTestStorage";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var storage = siloBuilder.Configuration[StorageKey] ?? throw new InvalidOperationException($"{StorageKey} is not set");
        siloBuilder.AddActivityPropagation();
        siloBuilder.AddMemoryGrainStorage("state");
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.AddOrleansProcGrains(new BlobServiceClient(storage));
    }
}
