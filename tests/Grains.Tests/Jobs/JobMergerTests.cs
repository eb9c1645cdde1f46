using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Schema;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>The merge and the planner on their own (a silo's services over the fixture's Azurite, no grain calls).</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class JobMergerTests(GrainClusterFixture fixture)
{
    private static readonly TableSchema Schema = new([new ColumnSchema("id", SqlType.BigInt), new ColumnSchema("g", SqlType.Varchar)]);

    private IServiceProvider Silo => fixture.Cluster.Silos.Cast<InProcessSiloHandle>().First().ServiceProvider;

    [Fact]
    public async Task MergeAsync_PartialsOfRecordedAttempts_MergesInOrderFromThePlanAlone()
    {
        var jobId = NewId();
        var sql = $"SELECT g, COUNT(*) AS n, SUM(id) AS s FROM never_registered_{jobId} GROUP BY g ORDER BY g";
        var spec = new JobSpec { Sql = sql };
        var processor = ProcessorFactory.Instance.Create(QueryPlans.ProcessorSpecOf(spec), Schema);
        var store = Silo.GetRequiredService<BlobStore>();
        await store.EnsureContainersAsync();
        string[] parts = ["id,g\n1,a\n2,b\n", "id,g\n3,a\n", "id,g\n4,c\n5,a\n"];
        var record = new JobRecord
        {
            Spec = spec,
            Dataset = $"never_registered_{jobId}",
            State = JobState.Merging,
            SubmittedAt = DateTimeOffset.UtcNow,
            Plan = QueryPlans.Create($"never_registered_{jobId}", DataFormat.Csv, spec, processor, outputDataset: null),
        };
        for (var i = 0; i < parts.Length; i++)
        {
            var partial = processor.CreatePartial();
            var blob = new InputSlice($"part{i}.csv", 0, long.MaxValue, false);
            var text = parts[i];
            var scan = await PartitionScan.ScanAsync(
                [blob], (_, _) => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text))), processor, partial, new PartitionScanSettings { Format = DataFormat.Csv });
            using var buffer = new MemoryStream();
            partial.WriteTo(buffer);
            var attempt = i + 1; // only the recorded attempt's partial counts
            await store.UploadAsync(store.Jobs, JobPaths.Partial(jobId, i, attempt), new BinaryData(buffer.ToArray()));
            record.Partitions.Add(new PartitionRecord { Status = PartitionStatus.Done, Attempt = attempt, Rows = scan.Rows, Bytes = scan.Bytes });
        }

        var compiled = Silo.GetRequiredService<CountingProcessorFactory>().Compilations(sql);
        var result = (await Silo.GetRequiredService<JobMerger>().MergeAsync(jobId, record)).Result;

        Assert.Equal(compiled + 1, Silo.GetRequiredService<CountingProcessorFactory>().Compilations(sql));
        Assert.Equal(jobId, result.JobId);
        Assert.Equal([new ResultColumn("g", "VARCHAR"), new ResultColumn("n", "BIGINT"), new ResultColumn("s", "BIGINT")], result.Columns);
        Assert.Equal([["a", "3", "9"], ["b", "1", "2"], ["c", "1", "4"]], result.Rows);
        Assert.Equal(3, result.TotalRows);
        Assert.Equal(5, result.RowsRead);
        Assert.Equal(parts.Sum(p => (long)p.Length), result.BytesRead);
        Assert.Null(result.OutputDataset);
    }

    [Fact]
    public async Task MergeAsync_PartialsStoredWithTheirRecordsAndNoBlobs_MergesThemAndWritesNothing()
    {
        var jobId = NewId();
        var sql = $"SELECT g, COUNT(*) AS n, SUM(id) AS s FROM never_registered_{jobId} GROUP BY g ORDER BY g";
        var spec = new JobSpec { Sql = sql };
        var processor = ProcessorFactory.Instance.Create(QueryPlans.ProcessorSpecOf(spec), Schema);
        var store = Silo.GetRequiredService<BlobStore>();
        await store.EnsureContainersAsync();
        string[] parts = ["id,g\n1,a\n2,b\n", "id,g\n3,a\n4,c\n"];
        var record = new JobRecord
        {
            Spec = spec,
            Dataset = $"never_registered_{jobId}",
            State = JobState.Merging,
            SubmittedAt = DateTimeOffset.UtcNow,
            Plan = QueryPlans.Create($"never_registered_{jobId}", DataFormat.Csv, spec, processor, outputDataset: null),
        };
        foreach (var text in parts)
        {
            var partial = processor.CreatePartial();
            var scan = await PartitionScan.ScanAsync(
                [new InputSlice("part.csv", 0, long.MaxValue, false)], (_, _) => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text))), processor, partial, new PartitionScanSettings { Format = DataFormat.Csv });
            using var buffer = new MemoryStream();
            partial.WriteTo(buffer);
            record.Partitions.Add(new PartitionRecord { Status = PartitionStatus.Done, Attempt = 1, Rows = scan.Rows, Bytes = scan.Bytes, Partial = Convert.ToBase64String(buffer.ToArray()) });
        }

        var merge = await Silo.GetRequiredService<JobMerger>().MergeAsync(jobId, record);

        Assert.Equal([["a", "2", "4"], ["b", "1", "2"], ["c", "1", "4"]], merge.Result.Rows);
        Assert.Equal(4, merge.Result.RowsRead);
        Assert.False(merge.WritesBesideTheState);
        Assert.Empty(await store.ListAsync(store.Jobs, $"{jobId}/"));
    }

    [Fact]
    public async Task PlanAsync_Query_BindsOncePuttingThePlanInTheRecordAndTheProcessorInTheCache()
    {
        await fixture.CreateDatasetAsync("planned", "id,g\n1,a\n2,b\n");
        var jobId = NewId();
        var sql = $"SELECT SUM(id) AS s FROM planned WHERE g <> '{jobId}'";
        var counter = Silo.GetRequiredService<CountingProcessorFactory>();

        var plan = await Silo.GetRequiredService<JobPlanner>().PlanAsync(jobId, new JobSpec { Sql = sql, MaxGroups = 42 }, workers: 4);

        Assert.Null(plan.Rejection);
        var queryPlan = plan.Record!.Plan!;
        Assert.Equal("planned", queryPlan.Dataset);
        Assert.Equal("csv", queryPlan.Format);
        Assert.Equal([new PlanColumn("id", "BIGINT"), new PlanColumn("g", "VARCHAR")], queryPlan.Columns);
        Assert.Equal([true, true], queryPlan.ColumnsRead);
        Assert.Equal(sql, queryPlan.Sql);
        Assert.Equal(42, queryPlan.MaxGroups);
        Assert.Equal(1, counter.Compilations(sql));

        Silo.GetRequiredService<ProcessorCache>().GetOrCreate(jobId, QueryPlans.ProcessorSpecOf(queryPlan), QueryPlans.SchemaOf(queryPlan));
        Assert.Equal(1, counter.Compilations(sql));
    }

    [Fact]
    public async Task PlanAsync_UnknownColumn_RejectedAsBadQuery()
    {
        await fixture.CreateDatasetAsync("planned_bad", "id,g\n1,a\n");
        var jobId = NewId();

        var plan = await Silo.GetRequiredService<JobPlanner>().PlanAsync(jobId, new JobSpec { Sql = "SELECT nope FROM planned_bad" }, workers: 4);

        Assert.Equal(SubmitErrorKind.BadQuery, plan.Rejection!.Error);
        Assert.Null(plan.Record);
    }

    private static string NewId() => $"m{Guid.NewGuid():N}"[..20];
}
