using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

[Collection(GrainClusterCollection.Name)]
public sealed class JobGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_SmallPartitions_SpreadsOverBothSilosAndCountsEveryRow()
    {
        var csv = new StringBuilder("id,group\n");
        for (var i = 1; i <= 2_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},g{i % 7}\n");
        }

        await fixture.CreateDatasetAsync("spread", csv.ToString());

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = "SELECT COUNT(*) AS n, SUM(id) AS s FROM spread", PartitionSize = 2_048 });

        Assert.Equal(JobState.Completed, status.State);
        Assert.True(status.PartitionsTotal > 4, $"{status.PartitionsTotal} partitions");
        Assert.Equal(2, status.PartitionsBySilo.Count);
        var result = await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetResultAsync();
        Assert.NotNull(result);
        Assert.Equal(["2000", "2001000"], result.Rows.Single());
    }

    [Fact]
    public async Task SubmitAsync_CutsInsideQuotedNewlines_WrongGuessesRunAgainAndCountIsExact()
    {
        var csv = new StringBuilder("id,text\n");
        long sum = 0;
        for (var i = 1; i <= 300; i++)
        {
            sum += i;
            csv.Append(CultureInfo.InvariantCulture, $"{i},\"line one of {i}\nline, two \"\"quoted\"\"\nand three\"\n");
        }

        await fixture.CreateDatasetAsync("quoted", csv.ToString());

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = "SELECT COUNT(*) AS n, SUM(id) AS s FROM quoted", PartitionSize = 1_024 });

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.True(status.PartitionRetries > 0, "no cut landed inside a quoted field: make the fields longer");
        var result = await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetResultAsync();
        Assert.Equal(["300", sum.ToString(CultureInfo.InvariantCulture)], result!.Rows.Single());
    }

    [Fact]
    public async Task SubmitAsync_SyntaxError_RejectedAsBadQueryWithPosition()
    {
        await fixture.CreateDatasetAsync("syntax", "a\n1\n");

        var outcome = await fixture.Grains.GetGrain<IJobGrain>(NewId()).SubmitAsync(new JobSpec { Sql = "SELECT a FROM syntax WHERE" });

        Assert.Equal(SubmitErrorKind.BadQuery, outcome.Error);
        Assert.True(outcome.Position >= 0);
    }

    [Fact]
    public async Task SubmitAsync_UnknownDataset_RejectedNamingIt()
    {
        var outcome = await fixture.Grains.GetGrain<IJobGrain>(NewId()).SubmitAsync(new JobSpec { Sql = "SELECT COUNT(*) FROM nothing_here" });

        Assert.Equal(SubmitErrorKind.UnknownDataset, outcome.Error);
        Assert.Contains("nothing_here", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_SameIdTwice_SecondRejected()
    {
        await fixture.CreateDatasetAsync("twice", "a\n1\n");
        var id = NewId();
        await fixture.RunAsync(id, new JobSpec { Sql = "SELECT COUNT(*) FROM twice" });

        var again = await fixture.Grains.GetGrain<IJobGrain>(id).SubmitAsync(new JobSpec { Sql = "SELECT COUNT(*) FROM twice" });

        Assert.Equal(SubmitErrorKind.BadRequest, again.Error);
    }

    [Fact]
    public async Task CancelAsync_RunningJob_EndsCancelled()
    {
        var csv = new StringBuilder("id\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i}\n");
        }

        await fixture.CreateDatasetAsync("cancel", csv.ToString());
        var id = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(id);
        Assert.True((await job.SubmitAsync(new JobSpec { Sql = "SELECT COUNT(*) FROM cancel", PartitionSize = 1_024 })).Accepted);

        Assert.True(await job.CancelAsync());

        var status = await fixture.WaitAsync(id);
        Assert.Equal(JobState.Cancelled, status.State);
        Assert.Null(await job.GetResultAsync());
    }

    [Fact]
    public async Task SubmitAsync_StoredStateChangesUnderTheCoordinator_CompletesAndStoresTheEnd()
    {
        var csv = new StringBuilder("id\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i}\n");
        }

        await fixture.CreateDatasetAsync("etag", csv.ToString());
        var id = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(id);
        Assert.True((await job.SubmitAsync(new JobSpec { Sql = "SELECT COUNT(*) AS n FROM etag", PartitionSize = 1_024 })).Accepted);

        // What a state write that failed for the coordinator during a storage outage, yet landed, leaves behind: the
        // same content under a new ETag.
        var stored = fixture.Blobs.GetBlobContainerClient("grainstate").GetBlobClient($"job-job/{id}.json");
        var landed = await stored.DownloadContentAsync();
        Assert.Equal(JobState.Running, StoredState(landed.Value.Content));
        await stored.UploadAsync(landed.Value.Content, overwrite: true);

        var status = await fixture.WaitAsync(id);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(["50000"], (await job.GetResultAsync())!.Rows.Single());
        Assert.Equal(JobState.Completed, StoredState((await stored.DownloadContentAsync()).Value.Content));
    }

    [Fact]
    public async Task WaitForStatusAsync_JobEnds_ReturnsAtTheEndNotAtTheTimeout()
    {
        await fixture.CreateDatasetAsync("longpoll", "a\n1\n2\n3\n");
        var id = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(id);
        Assert.True((await job.SubmitAsync(new JobSpec { Sql = "SELECT SUM(a) AS s FROM longpoll" })).Accepted);

        var timeout = TimeSpan.FromSeconds(10);
        var started = TimeProvider.System.GetTimestamp();
        var status = await job.WaitForStatusAsync(timeout);
        var waited = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(JobState.Completed, status!.State);
        Assert.True(waited < timeout, $"waited {waited}");
        var result = await job.GetResultAsync();
        Assert.Equal(["6"], result!.Rows.Single());
    }

    [Fact]
    public async Task WaitForStatusAsync_RunningJob_ReturnsRunningAfterTheTimeout()
    {
        var csv = new StringBuilder("id\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i}\n");
        }

        await fixture.CreateDatasetAsync("longpollrun", csv.ToString());
        var id = NewId();
        var job = fixture.Grains.GetGrain<IJobGrain>(id);
        Assert.True((await job.SubmitAsync(new JobSpec { Sql = "SELECT COUNT(*) FROM longpollrun", PartitionSize = 1_024 })).Accepted);

        var status = await job.WaitForStatusAsync(TimeSpan.Zero);

        Assert.Equal(JobState.Running, status!.State);
        Assert.True(await job.CancelAsync());
    }

    [Fact]
    public async Task WaitForStatusAsync_NoSuchJob_ReturnsNull()
    {
        Assert.Null(await fixture.Grains.GetGrain<IJobGrain>(NewId()).WaitForStatusAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>The job state in the coordinator's stored grain state (JSON).</summary>
    private static JobState StoredState(BinaryData json)
    {
        using var document = JsonDocument.Parse(json);
        var property = document.RootElement.EnumerateObject().Single(p => string.Equals(p.Name, nameof(JobRecord.State), StringComparison.OrdinalIgnoreCase)).Value;
        return property.ValueKind == JsonValueKind.Number ? (JobState)property.GetInt32() : Enum.Parse<JobState>(property.GetString()!, ignoreCase: true);
    }

    private static string NewId() => $"t{Guid.NewGuid():N}"[..20];
}
