using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Partitions;
using OrleansProc.Grains.Processors;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// A join's broadcast (small) table is pinned to the ETags the planner listed: a silo that reads it after it changed
/// fails the attempt with the job's input-changed error naming the small dataset and its blob, and a re-plan over the
/// new version never reuses a table a silo hashed before.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class BroadcastSnapshotGrainTests(GrainClusterFixture fixture)
{
    [Theory]
    [InlineData("rewritten")]
    [InlineData("deleted")]
    public async Task RunAsync_SmallTableChangedBetweenPlanAndRead_ReportsTheChangedError(string change)
    {
        var (big, small) = await CreateTablesAsync($"bsnap-{change}");
        var jobId = $"t{Guid.NewGuid():N}"[..20];
        var plan = await Planner().PlanAsync(jobId, Spec(big, small), workers: 2);
        Assert.True(plan.Rejection is null, plan.Rejection?.Message);
        var table = Assert.Single(plan.Record!.Plan!.Tables!, t => t.Dataset == small);
        Assert.All(table.Blobs, b => Assert.False(string.IsNullOrEmpty(b.ETag)));

        var blob = SmallBlob(small);
        if (change == "deleted")
        {
            await blob.DeleteAsync();
        }
        else
        {
            await blob.UploadAsync(BinaryData.FromString(SmallCsv(labelSuffix: "-new")), overwrite: true);
        }

        var report = await OtherSilo<PartitionRunner>().RunAsync(Assignment(jobId, plan, 0), "other", CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.True(report.InputChanged);
        Assert.True(report.Permanent);
        Assert.Equal($"dataset {small} changed while job {jobId} read it (blob {small}/data.csv)", report.Error);
    }

    [Fact]
    public async Task PlanAsync_ReplanAfterSmallTableChanged_PinsTheNewVersionAndHashesItAgain()
    {
        var (big, small) = await CreateTablesAsync("bsnap-replan");
        var jobId = $"t{Guid.NewGuid():N}"[..20];
        var spec = Spec(big, small);
        var first = await Planner().PlanAsync(jobId, spec, workers: 2);
        var cache = OtherSilo<ProcessorCache>();
        var store = OtherSilo<BlobStore>();
        var before = await PlanProcessors.GetAsync(cache, store, OtherSilo<ProcessorPackages>(), jobId, first.Record!.Plan!);
        var firstReport = await OtherSilo<PartitionRunner>().RunAsync(Assignment(jobId, first, 0), "other", CancellationToken.None);
        Assert.True(firstReport.Succeeded, firstReport.Error);

        await SmallBlob(small).UploadAsync(BinaryData.FromString(SmallCsv(labelSuffix: "-new")), overwrite: true);
        var registered = await fixture.Grains.GetGrain<IDatasetGrain>(small).RegisterAsync(new DatasetRegistration());
        Assert.True(registered.Error is null, registered.Error);
        var second = await Planner().PlanAsync(jobId, spec, workers: 2, replan: true);
        Assert.True(second.Rejection is null && second.Unsettled is null, second.Rejection?.Message ?? second.Unsettled);
        var after = await PlanProcessors.GetAsync(cache, store, OtherSilo<ProcessorPackages>(), jobId, second.Record!.Plan!);
        var secondReport = await OtherSilo<PartitionRunner>().RunAsync(Assignment(jobId, second, 1), "other", CancellationToken.None);

        Assert.NotEqual(PlanProcessors.CacheKey(jobId, first.Record.Plan!), PlanProcessors.CacheKey(jobId, second.Record.Plan!));
        Assert.NotSame(before, after);
        Assert.True(secondReport.Succeeded, secondReport.Error);
    }

    private async Task<(string Big, string Small)> CreateTablesAsync(string prefix)
    {
        var big = $"{prefix}-big";
        var small = $"{prefix}-small";
        var rows = new StringBuilder("id,k,v\n");
        for (var i = 1; i <= 600; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{i},{i % 7},{(i % 11 == 0 ? string.Empty : (i * 3).ToString(CultureInfo.InvariantCulture))}\n");
        }

        await fixture.CreateDatasetAsync(big, rows.ToString());
        await fixture.CreateDatasetAsync(small, SmallCsv(labelSuffix: string.Empty));
        return (big, small);
    }

    private static string SmallCsv(string labelSuffix) =>
        $"k,label\n0,zéro{labelSuffix}\n1,one{labelSuffix}\n2,\"two, 2{labelSuffix}\"\n3,drei{labelSuffix}\n";

    private static JobSpec Spec(string big, string small) => new()
    {
        Sql = $"SELECT s.label, COUNT(*) AS n, SUM(b.v) AS total FROM {big} b JOIN {small} s ON b.k = s.k GROUP BY s.label",
        PartitionSize = 2_048,
    };

    private static PartitionAssignment Assignment(string jobId, JobPlan plan, int attempt) => new()
    {
        JobId = jobId,
        Index = 0,
        Attempt = attempt,
        Slices = plan.Slices[0],
        PartialBlob = JobPaths.Partial(jobId, 0, attempt),
        Plan = plan.Record!.Plan!,
    };

    private Azure.Storage.Blobs.BlobClient SmallBlob(string small) =>
        fixture.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).GetBlobClient($"{small}/data.csv");

    private JobPlanner Planner() => Silo(0).GetRequiredService<JobPlanner>();

    private T OtherSilo<T>()
        where T : notnull => Silo(1).GetRequiredService<T>();

    private IServiceProvider Silo(int index) => fixture.Cluster.Silos.Cast<InProcessSiloHandle>().ElementAt(index).ServiceProvider;
}
