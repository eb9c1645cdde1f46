using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Tests.Storage;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// The storage requests a one-partition job makes on the path its client waits on (submit to the stored end), counted
/// by the silos' <see cref="StorageRequestLog"/>: a small plan and a small result stay in the job's state, a small
/// partial comes back in its partition's report, so no plan read, result write or partial read is among them (the plan
/// blob, which the retention sweep finds jobs by, is written once the state is stored at submit, and not waited for).
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class JobStorageRequestsGrainTests(GrainClusterFixture fixture)
{
    /// <summary>
    /// The coordinator's state read, the manifest and the blob list (all at once), the state and then the plan blob
    /// (submit), the blob, the state (the end, with the result: a merge that writes nothing beside the state
    /// needs no fence write before it, and the small partial came in the report alone, no partial blob).
    /// </summary>
    private const int OnePartitionRequests = 7;

    [Fact]
    public async Task SubmitAsync_OnePartitionQuery_WaitsOnSevenStorageRequestsWithoutPlanReadResultWriteOrPartialBlob()
    {
        var dataset = $"requests{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, IdGroupCsv.Rows(1_000));
        var jobId = NewId();
        var before = Logs().Sum(l => l.Requests.Count);

        var status = await fixture.RunAsync(jobId, new JobSpec { Sql = $"SELECT COUNT(*) AS n, SUM(id) AS s FROM {dataset}" });
        var result = await fixture.Grains.GetGrain<IJobGrain>(jobId).GetResultAsync();

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(1, status.PartitionsTotal);
        Assert.Equal(["1000", "500500"], result!.Rows.Single());
        var path = await PathRequestsAsync(jobId, dataset, before);
        var listed = string.Join("\n", path);
        Assert.True(path.Count == OnePartitionRequests, $"{path.Count} requests:\n{listed}");
        Assert.DoesNotContain(path, r => r.Method == "GET" && r.PathAndQuery.Contains(JobPaths.Plan(jobId), StringComparison.Ordinal));
        Assert.DoesNotContain(path, r => r.PathAndQuery.Contains(JobPaths.Result(jobId), StringComparison.Ordinal));
        Assert.DoesNotContain(path, r => r.PathAndQuery.Contains(JobPaths.PartialsPrefix(jobId), StringComparison.Ordinal));
        var planBlob = path.FindIndex(r => r.Method == "PUT" && r.PathAndQuery.Contains(JobPaths.Plan(jobId), StringComparison.Ordinal));
        Assert.True(planBlob > path.FindIndex(r => r.Method == "PUT" && r.PathAndQuery.Contains($"job-job/{jobId}", StringComparison.Ordinal)), listed); // not ahead of the state
    }

    [Fact]
    public async Task MergeAsync_ResultTooLargeForTheState_StoresTheStateBeforeTheResultBlobAndTheEndAfterIt()
    {
        var dataset = $"largeres{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, IdGroupCsv.Rows(2_000));
        var jobId = NewId();
        var before = Logs().Sum(l => l.Requests.Count);

        var status = await fixture.RunAsync(jobId, new JobSpec { Sql = $"SELECT id, COUNT(*) AS n FROM {dataset} GROUP BY id ORDER BY id" });
        var result = await fixture.Grains.GetGrain<IJobGrain>(jobId).GetResultAsync();

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(Enumerable.Range(1, 2_000).Select(i => i.ToString(CultureInfo.InvariantCulture)), result!.Rows.Select(r => r[0]));
        var path = await PathRequestsAsync(jobId, dataset, before);
        var listed = string.Join("\n", path);
        var partial = path.FindIndex(r => r.Method == "GET" && r.PathAndQuery.Contains($"{dataset}/data.csv", StringComparison.Ordinal)); // the partition's read
        var resultBlob = path.FindIndex(r => r.Method == "PUT" && r.PathAndQuery.Contains(JobPaths.Result(jobId), StringComparison.Ordinal));
        var stateWrites = path.Select((r, i) => (r, i)).Where(x => x.r.Method == "PUT" && x.r.PathAndQuery.Contains($"job-job/{jobId}", StringComparison.Ordinal)).Select(x => x.i).ToList();
        Assert.True(partial >= 0 && resultBlob > partial, listed);
        // Only an activation in charge writes the result blob: the state is stored (conditionally) between the partition's read and the result blob.
        Assert.True(stateWrites.Any(i => i > partial && i < resultBlob), listed);
        Assert.True(stateWrites.Any(i => i > resultBlob), listed);
    }

    [Fact]
    public async Task SubmitAsync_OnePartitionQuery_SendsTheBlobListBeforeTheManifestIsAnswered()
    {
        var (dataset, _, path) = await CountPathAsync("together");

        var manifest = path.First(r => r.Method == "GET" && r.PathAndQuery.Contains($"{dataset}/_dataset.json", StringComparison.Ordinal));
        var list = path.First(r => r.PathAndQuery.Contains("comp=list", StringComparison.Ordinal) && r.PathAndQuery.Contains(dataset, StringComparison.Ordinal));
        // One round trip, not two: the list went out while the manifest was on its way.
        Assert.True(list.Timestamp < AnsweredAt(manifest), string.Join("\n", path));
    }

    [Fact]
    public async Task SubmitAsync_NewJob_ReadsItsStateWhileItPlans()
    {
        var (dataset, jobId, path) = await CountPathAsync("overlap");

        var stateRead = path.First(r => r.Method == "GET" && r.PathAndQuery.Contains($"job-job/{jobId}", StringComparison.Ordinal));
        var manifest = path.First(r => r.Method == "GET" && r.PathAndQuery.Contains($"{dataset}/_dataset.json", StringComparison.Ordinal));
        // Not one after the other: the manifest was asked for while the state read was on its way.
        Assert.True(manifest.Timestamp < AnsweredAt(stateRead), string.Join("\n", path));
    }

    [Fact]
    public async Task GetResultAsync_SmallResultAfterReactivation_ReadFromTheStoredStateNotABlob()
    {
        var dataset = $"inline{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, IdGroupCsv.Rows(300));
        var jobId = NewId();
        var status = await fixture.RunAsync(jobId, new JobSpec { Sql = $"SELECT g, COUNT(*) AS n FROM {dataset} GROUP BY g ORDER BY g" });
        Assert.True(status.State == JobState.Completed, status.Error);
        var expected = Enumerable.Range(1, 300).GroupBy(i => $"g{i % 7}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new[] { g.Key, g.Count().ToString(CultureInfo.InvariantCulture) }).ToList();

        // The stored state met by a fresh activation (another job id, whose blobs do not exist).
        var copy = NewId();
        var states = fixture.Blobs.GetBlobContainerClient(StorageNames.GrainStateContainer);
        var json = (await states.GetBlobClient($"job-job/{jobId}.json").DownloadContentAsync()).Value.Content;
        await states.GetBlobClient($"job-job/{copy}.json").UploadAsync(json);
        var result = await fixture.Grains.GetGrain<IJobGrain>(copy).GetResultAsync();

        Assert.False((await fixture.Blobs.GetBlobContainerClient(StorageNames.JobsContainer).GetBlobClient(JobPaths.Result(jobId)).ExistsAsync()).Value);
        Assert.NotNull(result);
        Assert.Equal(expected, result.Rows.Select(r => r.Select(v => v ?? "NULL").ToArray()).ToList());
        Assert.Equal(["g", "n"], result.Columns.Select(c => c.Name));
    }

    /// <summary>Runs a one-partition COUNT(*) over a new 100-row dataset named from <paramref name="prefix"/>: the dataset, the job and the requests on its path.</summary>
    private async Task<(string Dataset, string JobId, List<StorageRequest> Path)> CountPathAsync(string prefix)
    {
        var dataset = $"{prefix}{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, IdGroupCsv.Rows(100));
        var jobId = NewId();
        var before = Logs().Sum(l => l.Requests.Count);
        var status = await fixture.RunAsync(jobId, new JobSpec { Sql = $"SELECT COUNT(*) AS n FROM {dataset}" });
        Assert.True(status.State == JobState.Completed, status.Error);
        return (dataset, jobId, await PathRequestsAsync(jobId, dataset, before));
    }

    /// <summary>When the first answer to <paramref name="request"/> (the same method and path, at or after it was sent) came.</summary>
    private long AnsweredAt(StorageRequest request) =>
        Logs().SelectMany(l => l.Answers)
            .Where(a => a.Timestamp >= request.Timestamp && a.Method == request.Method && a.PathAndQuery == request.PathAndQuery)
            .Min(a => a.Timestamp);

    private List<StorageRequestLog> Logs() =>
        fixture.Cluster.Silos.Cast<InProcessSiloHandle>().Select(s => s.ServiceProvider.GetRequiredService<StorageRequestLog>()).ToList();

    /// <summary>
    /// The requests naming the job or its dataset, in the order sent, up to the end's cleanup (which starts once the end
    /// is stored and the client told: a list and a delete of the partials). Waits for the cleanup (deadline one minute).
    /// </summary>
    private async Task<List<StorageRequest>> PathRequestsAsync(string jobId, string dataset, int before)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var logs = Logs();
        while (true)
        {
            var next = Task.WhenAny(logs.Select(l => l.RequestSent.Next));
            var requests = logs.SelectMany(l => l.Requests).OrderBy(r => r.Timestamp).Skip(before)
                .Where(r => r.PathAndQuery.Contains(jobId, StringComparison.Ordinal) || r.PathAndQuery.Contains(dataset, StringComparison.Ordinal))
                .ToList();
            var cleanup = requests.FindIndex(r => r.Method == "DELETE" || (r.PathAndQuery.Contains("comp=list", StringComparison.Ordinal) && r.PathAndQuery.Contains(JobPaths.PartialsPrefix(jobId), StringComparison.Ordinal)));
            if (cleanup >= 0)
            {
                return requests[..cleanup];
            }

            await next.WaitAsync(deadline.Token);
        }
    }

    private static string NewId() => $"reqs-{Guid.NewGuid():N}"[..20];
}
