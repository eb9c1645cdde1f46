using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>A job is bound once, at submit: its partitions and merge work from the plan, not from the manifest or the SQL text.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class JobPlanGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_ManyPartitionsOverTwoSilos_CompilesTheQueryOncePerSilo()
    {
        await fixture.CreateDatasetAsync("compiled", IdGroupCsv.Rows(2_000));
        var sql = $"SELECT COUNT(*) AS n, SUM(id) AS s FROM compiled WHERE g <> '{Guid.NewGuid():N}'";

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = sql, PartitionSize = 2_048 });

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.True(status.PartitionsTotal > 4, $"{status.PartitionsTotal} partitions");
        var result = await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetResultAsync();
        Assert.Equal(["2000", "2001000"], result!.Rows.Single());

        var silos = fixture.Cluster.Silos.Cast<InProcessSiloHandle>().ToList();
        var compilations = silos.ToDictionary(
            s => s.SiloAddress.ToString(),
            s => s.ServiceProvider.GetRequiredService<CountingProcessorFactory>().Compilations(sql));
        Assert.All(compilations, c => Assert.InRange(c.Value, 0, 1));
        Assert.InRange(compilations.Values.Sum(), 1, silos.Count);
        foreach (var silo in status.PartitionsBySilo.Keys)
        {
            Assert.Equal(1, compilations[silo]);
        }
    }

    [Fact]
    public async Task SubmitAsync_ManifestGoneAfterSubmit_PartitionsAndMergeStillComplete()
    {
        await fixture.CreateDatasetAsync("unlisted", IdGroupCsv.Rows(1_000));
        var id = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(id);

        var outcome = await job.SubmitAsync(new JobSpec { Sql = "SELECT COUNT(*) AS n, MAX(id) AS m FROM unlisted", PartitionSize = 2_048 });
        Assert.True(outcome.Accepted, outcome.Message);
        await fixture.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).DeleteBlobAsync(StorageNames.DatasetManifest("unlisted"));
        var status = await fixture.WaitAsync(id);

        Assert.True(status.State == JobState.Completed, status.Error);
        var result = await job.GetResultAsync();
        Assert.Equal(["1000", "1000"], result!.Rows.Single());
    }

    private static string NewId() => $"plan-{Guid.NewGuid():N}"[..20];
}
