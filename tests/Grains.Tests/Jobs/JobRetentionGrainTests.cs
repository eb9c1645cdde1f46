using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// Deleting jobs: <see cref="IJobGrain.DeleteAsync"/> refuses a running job and removes a finished one's blobs, state
/// and directory line; the retention sweep deletes jobs that finished before the cutoff (its clock given explicitly: no
/// waiting) and keeps output datasets.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class JobRetentionGrainTests(GrainClusterFixture fixture)
{
    /// <summary>The test silos' retention (JobRetentionOptions' default).</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    [Fact]
    public async Task DeleteAsync_RunningJob_RefusedThenDeletedOnceCancelled()
    {
        await fixture.CreateDatasetAsync("retheld", Csv(500));
        var sql = "SELECT COUNT(*) AS n FROM retheld";
        var gates = fixture.Cluster.Silos.Cast<InProcessSiloHandle>().Select(s => s.ServiceProvider.GetRequiredService<AttemptGate>()).ToList();
        var jobId = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(jobId);
        gates.ForEach(gate => gate.Hold(sql, pass: 0));
        try
        {
            Assert.True((await job.SubmitAsync(new JobSpec { Sql = sql, PartitionSize = 1_024 })).Accepted);

            Assert.Equal(JobDeletion.Running, await job.DeleteAsync());
            Assert.NotEmpty(await BlobsOfAsync(jobId));
            Assert.True(await job.CancelAsync());
        }
        finally
        {
            gates.ForEach(gate => gate.Open(sql));
        }

        Assert.Equal(JobDeletion.Deleted, await DeleteWhenStoredAsync(job));
        Assert.Null(await job.GetStatusAsync());
        Assert.Empty(await BlobsOfAsync(jobId));
        Assert.DoesNotContain(await fixture.Grains.GetGrain<IJobDirectoryGrain>("default").ListAsync(1_000), j => j.JobId == jobId);
        Assert.Equal(JobDeletion.NotFound, await job.DeleteAsync());
    }

    [Fact]
    public async Task SweepAsync_JobFinishedBeforeTheRetention_DeletedButItsOutputDatasetStays()
    {
        await fixture.CreateDatasetAsync("retsweep", Csv(300));
        var aggregate = await fixture.RunAsync(NewId(), new JobSpec { Sql = "SELECT COUNT(*) AS n FROM retsweep" });
        var transform = await fixture.RunAsync(NewId(), new JobSpec { Sql = "SELECT id FROM retsweep WHERE id <= 10" });
        Assert.Equal(JobState.Completed, aggregate.State);
        Assert.True(transform.State == JobState.Completed, transform.Error);
        var output = (await fixture.Grains.GetGrain<IJobGrain>(transform.JobId).GetResultAsync())!.OutputDataset!;
        var retention = fixture.Grains.GetGrain<IJobRetentionGrain>(0);
        var now = DateTimeOffset.UtcNow;

        var young = await retention.SweepAsync(now + Retention - TimeSpan.FromHours(1));

        Assert.DoesNotContain(aggregate.JobId, young);
        Assert.NotNull(await fixture.Grains.GetGrain<IJobGrain>(aggregate.JobId).GetStatusAsync());
        Assert.NotEmpty(await BlobsOfAsync(aggregate.JobId));

        var old = await retention.SweepAsync(now + Retention + TimeSpan.FromHours(1));

        Assert.Contains(aggregate.JobId, old);
        Assert.Contains(transform.JobId, old);
        foreach (var jobId in new[] { aggregate.JobId, transform.JobId })
        {
            Assert.Null(await fixture.Grains.GetGrain<IJobGrain>(jobId).GetStatusAsync());
            Assert.Empty(await BlobsOfAsync(jobId));
        }

        var kept = await fixture.Grains.GetGrain<IDatasetGrain>(output).GetAsync();
        Assert.NotNull(kept);
        Assert.Equal(10, await CountRowsAsync(output));
    }

    /// <summary>A cancelled job's end is stored by its cancel call; its directory line may follow a moment later.</summary>
    private static async Task<JobDeletion> DeleteWhenStoredAsync(IJobGrain job)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JobDeletion outcome;
        while ((outcome = await job.DeleteAsync(cancellationToken: deadline.Token)) == JobDeletion.Running)
        {
            await Task.Yield();
        }

        return outcome;
    }

    private async Task<List<string>> BlobsOfAsync(string jobId)
    {
        var names = new List<string>();
        await foreach (var blob in fixture.Blobs.GetBlobContainerClient(StorageNames.JobsContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{jobId}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The data rows of an output dataset's blobs (header lines not counted).</summary>
    private async Task<int> CountRowsAsync(string dataset)
    {
        var rows = 0;
        var container = fixture.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, StorageNames.DatasetPrefix(dataset), CancellationToken.None))
        {
            if (!blob.Name.EndsWith(".csv", StringComparison.Ordinal))
            {
                continue;
            }

            var text = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            rows += text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        }

        return rows;
    }

    private static string Csv(int rows) => "id,v\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"{i},{i % 7}\n"));

    private static string NewId() => $"r{Guid.NewGuid():N}"[..20];
}
