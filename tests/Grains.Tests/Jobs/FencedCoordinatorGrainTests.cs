using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// The fenced coordinator on the test cluster: a stale activation's write is refused and it stops, a stale epoch's
/// report is ignored, and an end stored before its cleanup is cleaned up on reactivation without a second merge.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class FencedCoordinatorGrainTests(GrainClusterFixture fixture)
{
    private const int Rows = 3_000;

    [Fact]
    public async Task ReportPartitionAsync_AnotherActivationTookTheJobOver_StaleActivationStopsAndTheJobCompletesExactly()
    {
        var dataset = $"fence{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv());
        var sql = $"SELECT COUNT(*) AS n, SUM(v) AS s FROM {dataset}";
        var jobId = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(jobId);
        var stored = StateBlob(jobId);
        await HoldAsync(sql, async () =>
        {
            Assert.True((await job.SubmitAsync(new JobSpec { Sql = sql, PartitionSize = 2_048 })).Accepted);

            // What another activation that took the job over leaves in storage: a higher epoch under another owner.
            var state = JsonNode.Parse((await stored.DownloadContentAsync()).Value.Content.ToString())!.AsObject();
            Assert.Equal(1, (int)Property(state, nameof(JobRecord.Epoch))!);
            Set(state, nameof(JobRecord.Epoch), 7);
            Set(state, nameof(JobRecord.Owner), "another-activation");
            await stored.UploadAsync(BinaryData.FromString(state.ToJsonString()), overwrite: true);
        });

        var status = await fixture.WaitAsync(jobId);

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(Expected(), (await job.GetResultAsync())!.Rows.Single());
        var final = JsonNode.Parse((await stored.DownloadContentAsync()).Value.Content.ToString())!.AsObject();
        Assert.True((int)Property(final, nameof(JobRecord.Epoch))! >= 8); // the job went on under the takeover; the stale activation (epoch 1) never wrote again
        Assert.NotEqual("another-activation", (string?)Property(final, nameof(JobRecord.Owner)));
    }

    [Fact]
    public async Task ReportPartitionAsync_StaleEpoch_IgnoredAndTheAnswerIsExact()
    {
        var dataset = $"epoch{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv());
        var sql = $"SELECT COUNT(*) AS n, SUM(v) AS s FROM {dataset}";
        var jobId = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(jobId);
        await HoldAsync(sql, async () =>
        {
            Assert.True((await job.SubmitAsync(new JobSpec { Sql = sql, PartitionSize = 2_048 })).Accepted);
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (await job.GetPartitionsAsync(deadline.Token) is not [{ Attempt: 1 }, ..])
            {
                await job.WaitForStatusAsync(TimeSpan.FromMilliseconds(100), deadline.Token);
            }

            // A forged success of partition 0's running attempt, from an epoch before the job's (a stale coordinator's start).
            await job.ReportPartitionAsync(new PartitionReport { JobId = jobId, Index = 0, Attempt = 1, Epoch = 0, Succeeded = true, Rows = 1, Silo = "forged" });

            var first = (await job.GetPartitionsAsync())[0];
            Assert.NotEqual("forged", first.Silo);
            Assert.NotEqual(1, first.Rows);
        });

        var status = await fixture.WaitAsync(jobId);

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(Expected(), (await job.GetResultAsync())!.Rows.Single());
    }

    [Fact]
    public async Task OnActivateAsync_EndStoredButNotCleanedUp_CleansUpWithoutMergingAgain()
    {
        var dataset = $"clean{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv());
        var finished = NewId();
        var status = await fixture.RunAsync(finished, new JobSpec { Sql = $"SELECT COUNT(*) AS n, SUM(v) AS s FROM {dataset}", PartitionSize = 2_048 });
        Assert.True(status.State == JobState.Completed, status.Error);

        // What a coordinator that died between storing its end and cleaning up leaves (under a job id never activated):
        // the end and the result stored, a partial not deleted.
        var jobId = NewId();
        var jobs = fixture.Blobs.GetBlobContainerClient(StorageNames.JobsContainer);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        JsonObject state;
        while (!Flag(state = JsonNode.Parse((await StateBlob(finished).DownloadContentAsync(deadline.Token)).Value.Content.ToString())!.AsObject(), nameof(JobRecord.CleanedUp)))
        {
            await fixture.Grains.GetGrain<IJobGrain>(finished).WaitForStatusAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
        }

        Set(state, nameof(JobRecord.CleanedUp), false);
        var epoch = (int)Property(state, nameof(JobRecord.Epoch))!;
        var storedResult = Property(state, nameof(JobRecord.Result))!.ToJsonString(); // a small result is stored with the end
        await StateBlob(jobId).UploadAsync(BinaryData.FromString(state.ToJsonString()));
        var leftover = jobs.GetBlobClient(JobPaths.Partial(jobId, 0, 1));
        await leftover.UploadAsync(BinaryData.FromString("left behind"));
        var job = fixture.Grains.GetGrain<IJobGrain>(jobId);

        Assert.Equal(JobState.Completed, (await job.GetStatusAsync())!.State);

        while (!Flag(JsonNode.Parse((await StateBlob(jobId).DownloadContentAsync(deadline.Token)).Value.Content.ToString())!.AsObject(), nameof(JobRecord.CleanedUp)))
        {
            await job.WaitForStatusAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
        }

        Assert.False(await leftover.ExistsAsync());
        Assert.Equal(Expected(), (await job.GetResultAsync())!.Rows.Single());
        var stored = JsonNode.Parse((await StateBlob(jobId).DownloadContentAsync()).Value.Content.ToString())!.AsObject();
        Assert.Equal(storedResult, Property(stored, nameof(JobRecord.Result))!.ToJsonString()); // not merged again (a merge's result has a new elapsed time)
        Assert.False(await jobs.GetBlobClient(JobPaths.Result(jobId)).ExistsAsync());
        Assert.Equal(epoch + 1, (int)Property(stored, nameof(JobRecord.Epoch))!);
        Assert.Equal(JobState.Completed, JobStateOf(stored));
    }

    [Fact]
    public async Task OnActivateAsync_StoredDonePartitionsWithPartialsInTheState_MergedExactlyWithoutPartialBlobs()
    {
        var dataset = $"instate{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv());
        var sql = $"SELECT COUNT(*) AS n, SUM(v) AS s FROM {dataset}";
        var spec = new JobSpec { Sql = sql, PartitionSize = 10_000 }; // 3 partitions: small partials travel in the reports alone
        var original = NewId();
        var jobId = NewId();
        var jobs = fixture.Blobs.GetBlobContainerClient(StorageNames.JobsContainer);
        await HoldAsync(sql, async () =>
        {
            Assert.True((await fixture.Grains.GetGrain<IJobGrain>(original).SubmitAsync(spec)).Accepted);

            // What a coordinator that died after storing some partitions done leaves: their partials only in its state.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            JsonObject state;
            while (!HasStoredPartial(state = JsonNode.Parse((await StateBlob(original).DownloadContentAsync(deadline.Token)).Value.Content.ToString())!.AsObject()))
            {
                await fixture.Grains.GetGrain<IJobGrain>(original).WaitForStatusAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
            }

            await foreach (var blob in jobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, JobPaths.PartialsPrefix(original), CancellationToken.None))
            {
                Assert.Fail($"a small partial was written as a blob: {blob.Name}");
            }
            await StateBlob(jobId).UploadAsync(BinaryData.FromString(state.ToJsonString())); // under a job id never activated
        }, pass: 1);

        var status = await fixture.WaitAsync(jobId);

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(3, status.PartitionsTotal);
        Assert.Equal(Expected(), (await fixture.Grains.GetGrain<IJobGrain>(jobId).GetResultAsync())!.Rows.Single());
    }

    [Fact]
    public async Task SubmitAsync_ShortJob_DirectoryEndsWithItsEndNotItsSubmittedLine()
    {
        var dataset = $"dirline{Guid.NewGuid():N}"[..16];
        await fixture.CreateDatasetAsync(dataset, Csv());
        var jobId = NewId();

        // The submit does not wait for its directory line; the end's line must still land after it.
        var status = await fixture.RunAsync(jobId, new JobSpec { Sql = $"SELECT COUNT(*) AS n, SUM(v) AS s FROM {dataset}" });
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!Flag(JsonNode.Parse((await StateBlob(jobId).DownloadContentAsync(deadline.Token)).Value.Content.ToString())!.AsObject(), nameof(JobRecord.CleanedUp)))
        {
            await fixture.Grains.GetGrain<IJobGrain>(jobId).WaitForStatusAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
        }

        Assert.True(status.State == JobState.Completed, status.Error);
        var line = Assert.Single(await fixture.Grains.GetGrain<IJobDirectoryGrain>("default").ListAsync(500), j => j.JobId == jobId);
        Assert.Equal(JobState.Completed, line.State);
        Assert.NotNull(line.FinishedAt);
    }

    /// <summary>Holds every attempt of <paramref name="sql"/> on both silos (but the first <paramref name="pass"/> on each) while <paramref name="action"/> runs.</summary>
    private async Task HoldAsync(string sql, Func<Task> action, int pass = 0)
    {
        var gates = fixture.Cluster.Silos.Cast<InProcessSiloHandle>().Select(s => s.ServiceProvider.GetRequiredService<AttemptGate>()).ToList();
        foreach (var gate in gates)
        {
            gate.Hold(sql, pass);
        }

        try
        {
            await action();
        }
        finally
        {
            foreach (var gate in gates)
            {
                gate.Open(sql);
            }
        }
    }

    private Azure.Storage.Blobs.BlobClient StateBlob(string jobId) =>
        fixture.Blobs.GetBlobContainerClient(StorageNames.GrainStateContainer).GetBlobClient($"job-job/{jobId}.json");

    private static JsonNode? Property(JsonObject state, string name) =>
        state.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A boolean of the state (absent: false).</summary>
    private static bool Flag(JsonObject state, string name) => Property(state, name) is { } value && (bool)value;

    private static void Set(JsonObject state, string name, JsonNode? value) =>
        state[state.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name] = value;

    /// <summary>A partition of the stored state has its partial in the state (a list is stored as its values under "$values").</summary>
    private static bool HasStoredPartial(JsonObject state) =>
        Property(state, nameof(JobRecord.Partitions)) switch
        {
            JsonArray partitions => partitions,
            JsonObject wrapped => Property(wrapped, "$values")!.AsArray(),
            _ => [],
        } is var list && list.Any(p => Property(p!.AsObject(), nameof(PartitionRecord.Partial)) is JsonValue);

    private static JobState JobStateOf(JsonObject state) => Property(state, nameof(JobRecord.State)) is { } value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? (JobState)(int)value
        : Enum.Parse<JobState>((string)Property(state, nameof(JobRecord.State))!, ignoreCase: true);

    private static string Csv()
    {
        var csv = new StringBuilder("id,v\n");
        foreach (var (id, v) in Records())
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},{v}\n");
        }

        return csv.ToString();
    }

    private static IEnumerable<(int Id, int V)> Records() => Enumerable.Range(1, Rows).Select(i => (i, (i * 37 % 1_000) - 300));

    private static string[] Expected() =>
        [Records().Count().ToString(CultureInfo.InvariantCulture), Records().Sum(r => (long)r.V).ToString(CultureInfo.InvariantCulture)];

    private static string NewId() => $"t{Guid.NewGuid():N}"[..20];
}
