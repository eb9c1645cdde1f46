using System.Globalization;
using System.Text;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// Bounded retries on the test cluster (whose silos inject the faults of <see cref="TestSiloConfigurator"/>): every
/// failure that retrying cannot fix ends in a clear failure within its budget; a hanging attempt is timed out or
/// copied, and the answer stays exact.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class BoundedRetryGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_BlobAlwaysAnswers503_FailsNamingThePartitionWithinTheBudget()
    {
        var dataset = $"{TestSiloConfigurator.Fault503Blob}{Guid.NewGuid():N}"[..20];
        await fixture.CreateDatasetAsync(dataset, Csv(Records(200)));

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = $"SELECT COUNT(*) FROM {dataset}" });

        Assert.Equal(JobState.Failed, status.State);
        Assert.StartsWith($"partition 0 failed {TestSiloConfigurator.MaxStorageRetries} times with storage errors: ", status.Error, StringComparison.Ordinal);
        Assert.Contains("503", status.Error, StringComparison.Ordinal);
        Assert.Equal(TestSiloConfigurator.MaxStorageRetries - 1, status.PartitionRetries);
    }

    [Fact]
    public async Task SubmitAsync_NoSiloStartsThePartition_FailsNamingItWithinTheBudget()
    {
        var dataset = $"nostartds{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv(Records(50)));

        var status = await fixture.RunAsync($"{TestSiloConfigurator.NoStartJob}{Guid.NewGuid():N}"[..20], new JobSpec { Sql = $"SELECT COUNT(*) FROM {dataset}" });

        Assert.Equal(JobState.Failed, status.State);
        Assert.StartsWith($"partition 0 could not be started {TestSiloConfigurator.MaxStartFailures} times (no silo took it): ", status.Error, StringComparison.Ordinal);
        Assert.Contains("ORLEANSPROC_FAULT_START", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_PlanBlobMissing_FailsNamingIt()
    {
        var dataset = $"noplan{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv(Records(50)));
        var sql = $"SELECT COUNT(*) AS n FROM {dataset}";
        var jobId = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(jobId);
        Assert.True((await job.SubmitAsync(new JobSpec { Sql = sql })).Accepted);
        var status = await fixture.WaitAsync(jobId);
        Assert.Equal(JobState.Completed, status.State);

        // A job whose state is stored but whose plan blob is gone, met by a fresh activation (another job id); the
        // small plan's slices, kept in the state, are taken out, as a large plan's would be in its blob.
        var lost = NewId();
        var states = fixture.Blobs.GetBlobContainerClient(StorageNames.GrainStateContainer);
        var json = (await states.GetBlobClient($"job-job/{jobId}.json").DownloadContentAsync()).Value.Content.ToString();
        var running = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        foreach (var key in running.Select(p => p.Key).ToList())
        {
            if (string.Equals(key, nameof(JobRecord.State), StringComparison.OrdinalIgnoreCase))
            {
                running[key] = running[key]!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (int)JobState.Running : nameof(JobState.Running);
            }
        }

        foreach (var key in running.Select(p => p.Key).Where(k => string.Equals(k, nameof(JobRecord.Slices), StringComparison.OrdinalIgnoreCase)).ToList())
        {
            running.Remove(key);
        }

        foreach (var partitions in running.Where(p => string.Equals(p.Key, nameof(JobRecord.Partitions), StringComparison.OrdinalIgnoreCase)).Select(p => Items(p.Value!)).ToList())
        {
            foreach (var partition in partitions.Select(p => p!.AsObject()))
            {
                foreach (var key in partition.Select(p => p.Key).Where(k => string.Equals(k, nameof(PartitionRecord.Status), StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    partition[key] = partition[key]!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (int)PartitionStatus.Pending : nameof(PartitionStatus.Pending);
                }
            }
        }

        await states.GetBlobClient($"job-job/{lost}.json").UploadAsync(BinaryData.FromString(running.ToJsonString()));

        var ended = await fixture.WaitAsync(lost);

        Assert.Equal(JobState.Failed, ended.State);
        Assert.Contains($"the job's plan could not be read: job {lost}: its plan blob {StorageNames.JobsContainer}/{JobPaths.Plan(lost)} is missing", ended.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_AttemptHangs_TimedOutAndRetriedAnswerExact()
    {
        var dataset = $"timeout{Guid.NewGuid():N}"[..16];
        var records = Records(500);
        await UploadAsync(dataset, $"{TestSiloConfigurator.HangBlob}.csv", Csv(records.Take(300)));
        await fixture.CreateDatasetAsync(dataset, Csv(records.Skip(300)));

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = $"SELECT COUNT(*) AS n, SUM(v) AS s FROM {dataset}", PartitionTimeout = TimeSpan.FromSeconds(2) });

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.True(status.PartitionRetries >= 1, $"{status.PartitionRetries} retries");
        var result = await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetResultAsync();
        Assert.Equal(Expected(records), result!.Rows.Single());
    }

    [Fact]
    public async Task SubmitAsync_OneStraggler_SpeculativeCopyWinsAnswerExact()
    {
        var dataset = $"straggle{Guid.NewGuid():N}"[..16];
        var parts = Enumerable.Range(1, 4).Select(p => Records(80, p * 1_000)).ToList(); // some 850 bytes a blob: one blob a partition
        await UploadAsync(dataset, $"a-{TestSiloConfigurator.HangBlob}.csv", Csv(parts[0]));
        await UploadAsync(dataset, "b.csv", Csv(parts[1]));
        await UploadAsync(dataset, "c.csv", Csv(parts[2]));
        await fixture.CreateDatasetAsync(dataset, Csv(parts[3]));

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = $"SELECT COUNT(*) AS n, SUM(v) AS s FROM {dataset}", PartitionSize = 1_024 });

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(4, status.PartitionsTotal);
        var result = await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetResultAsync();
        Assert.Equal(Expected(parts.SelectMany(p => p).ToList()), result!.Rows.Single());
        var straggler = (await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetPartitionsAsync()).Single(p => p.Source.Contains(TestSiloConfigurator.HangBlob, StringComparison.Ordinal));
        Assert.Equal(2, straggler.Attempt); // the copy counted: the first attempt still hung
        Assert.Equal(0, straggler.Failures);
    }

    [Fact]
    public async Task SubmitAsync_OutputDatasetExists_RejectedBeforeItStartsAndTheDatasetUntouched()
    {
        var dataset = $"outsrc{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv(Records(20)));
        var jobId = NewId();
        var existing = JobPaths.OutputDataset(jobId);
        var kept = Csv(Records(3));
        await fixture.CreateDatasetAsync(existing, kept);

        var outcome = await fixture.Grains.GetGrain<IJobGrain>(jobId).SubmitAsync(new JobSpec { Sql = $"SELECT id FROM {dataset} WHERE v > 0" });

        Assert.Equal(SubmitErrorKind.BadRequest, outcome.Error);
        Assert.Contains($"the output dataset '{existing}' exists already", outcome.Message, StringComparison.Ordinal);
        var blob = fixture.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).GetBlobClient($"{existing}/data.csv");
        Assert.Equal(kept, (await blob.DownloadContentAsync()).Value.Content.ToString());
        Assert.NotNull(await fixture.Grains.GetGrain<IDatasetGrain>(existing).GetAsync());
    }

    [Fact]
    public async Task SubmitAsync_MaxGroupsAboveTheCap_RejectedNamingTheCap()
    {
        var dataset = $"capped{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv(Records(20)));

        var outcome = await fixture.Grains.GetGrain<IJobGrain>(NewId()).SubmitAsync(new JobSpec { Sql = $"SELECT id, COUNT(*) FROM {dataset} GROUP BY id", MaxGroups = JobOptions.DefaultMaxGroupsCap + 1 });

        Assert.Equal(SubmitErrorKind.BadRequest, outcome.Error);
        Assert.Contains($"above this cluster's cap of {JobOptions.DefaultMaxGroupsCap} (ORLEANSPROC_MAX_GROUPS_CAP)", outcome.Message, StringComparison.Ordinal);
    }

    /// <summary>A list as the state's JSON holds it: an array, or an object with the array in "$values".</summary>
    private static System.Text.Json.Nodes.JsonArray Items(System.Text.Json.Nodes.JsonNode list) =>
        list is System.Text.Json.Nodes.JsonObject o ? o["$values"]!.AsArray() : list.AsArray();

    [Fact]
    public async Task GetResultAsync_ResultAboveTheMessageSize_FirstRowsAndTheBlobWithAllOfThem()
    {
        var dataset = $"wide{Guid.NewGuid():N}"[..16];
        var rows = Enumerable.Range(1, 2_500).Select(i => (Id: i, Text: $"{i}:{new string((char)('a' + (i % 26)), 1_000)}")).ToList();
        var csv = new StringBuilder("id,t\n");
        foreach (var (id, text) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},{text}\n");
        }

        await fixture.CreateDatasetAsync(dataset, csv.ToString());

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = $"SELECT id, t FROM {dataset} GROUP BY id, t ORDER BY id" });

        Assert.True(status.State == JobState.Completed, status.Error);
        var message = (await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetResultAsync())!;
        Assert.Equal($"{StorageNames.JobsContainer}/{JobPaths.Result(status.JobId)}", message.ResultBlob);
        Assert.InRange(message.Rows.Count, 1, rows.Count - 1);
        var blob = message.ResultBlob!.Split('/', 2);
        var whole = (await fixture.Blobs.GetBlobContainerClient(blob[0]).GetBlobClient(blob[1]).DownloadContentAsync()).Value.Content
            .ToObjectFromJson<JobResult>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        var expected = rows.Select(r => new string?[] { r.Id.ToString(CultureInfo.InvariantCulture), r.Text }).ToList();
        Assert.Equal(expected, whole.Rows.Select(r => r.ToArray()).ToList());
        Assert.Equal(expected.Take(message.Rows.Count), message.Rows.Select(r => r.ToArray()).ToList());
    }

    private async Task UploadAsync(string dataset, string name, string csv)
    {
        var container = fixture.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient($"{dataset}/{name}").UploadAsync(BinaryData.FromString(csv), overwrite: true);
    }

    private static List<(int Id, int V)> Records(int count, int first = 1) =>
        Enumerable.Range(first, count).Select(i => (i, (i * 31 % 997) - 400)).ToList();

    private static string Csv(IEnumerable<(int Id, int V)> records)
    {
        var csv = new StringBuilder("id,v\n");
        foreach (var (id, v) in records)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},{v}\n");
        }

        return csv.ToString();
    }

    private static string[] Expected(IReadOnlyList<(int Id, int V)> records) =>
        [records.Count.ToString(CultureInfo.InvariantCulture), records.Sum(r => (long)r.V).ToString(CultureInfo.InvariantCulture)];

    private static string NewId() => $"t{Guid.NewGuid():N}"[..20];
}
