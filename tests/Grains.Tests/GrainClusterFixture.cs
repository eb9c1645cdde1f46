using System.Text;
using Azure.Storage.Blobs;
using Orleans.TestingHost;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;
using OrleansProc.TestSupport;

namespace OrleansProc.Grains.Tests;

/// <summary>Two in-process silos over an Azurite of their own.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public TestCluster Cluster { get; private set; } = null!;

    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>The connection string of the fixture's Azurite.</summary>
    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("the fixture has not started");

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(Directory.CreateTempSubdirectory("orleansproc-grains-").FullName);
        Blobs = new BlobServiceClient(_azurite.ConnectionString);
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = 2 } };
        builder.Properties[TestSiloConfigurator.StorageKey] = _azurite.ConnectionString;
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Uploads one CSV blob as a dataset and registers it.</summary>
    public async Task<DatasetInfo> CreateDatasetAsync(string name, string csv, string? schema = null)
    {
        var container = Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient($"{name}/data.csv").UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(csv)), overwrite: true);
        var outcome = await Grains.GetGrain<IDatasetGrain>(name).RegisterAsync(new DatasetRegistration { Schema = schema });
        Assert.True(outcome.Error is null, outcome.Error);
        return outcome.Dataset!;
    }

    /// <summary>Submits a job and waits (long polls) until it ends (deadline one minute).</summary>
    public async Task<JobStatus> RunAsync(string jobId, JobSpec spec)
    {
        var job = Grains.GetGrain<IJobGrain>(jobId);
        var outcome = await job.SubmitAsync(spec);
        Assert.True(outcome.Accepted, outcome.Message);
        return await WaitAsync(jobId);
    }

    public async Task<JobStatus> WaitAsync(string jobId)
    {
        var job = Grains.GetGrain<IJobGrain>(jobId);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var status = await job.WaitForStatusAsync(TimeSpan.FromSeconds(5), deadline.Token);
            if (status is { IsFinished: true })
            {
                return status;
            }
        }
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
