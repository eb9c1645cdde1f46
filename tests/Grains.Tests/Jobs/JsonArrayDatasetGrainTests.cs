using System.Text;
using Azure.Storage.Blobs;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

[Collection(GrainClusterCollection.Name)]
public sealed class JsonArrayDatasetGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_JsonArrayBlobLargerThanThePartitionSize_IsOneWholePartition()
    {
        var json = new StringBuilder("[\n");
        for (var i = 1; i <= 500; i++)
        {
            json.Append(i == 1 ? "  " : ",\n  ").Append("{\"id\": ").Append(i).Append(", \"owner\": {\"name\": \"Zoë ").Append(i % 3).Append("\"}}");
        }

        var dataset = await CreateAsync("jsonarray", json.Append("\n]\n").ToString());

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = "SELECT COUNT(*) AS n, SUM(id) AS s, COUNT(DISTINCT \"owner.name\") AS owners FROM jsonarray", PartitionSize = 1_024 });

        Assert.Equal("json", dataset.Format);
        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(1, status.PartitionsTotal);
        var result = await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetResultAsync();
        Assert.Equal(["500", "125250", "3"], result!.Rows.Single());
    }

    [Fact]
    public async Task SubmitAsync_CutShortJsonArray_FailsNamingTheBlobAndLine()
    {
        await CreateAsync("jsonarraycut", "[\n  {\"id\": 1},\n  {\"id\": 2},\n  {\"id\": 3");

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = "SELECT SUM(id) FROM jsonarraycut" });

        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("jsonarraycut/data.json, line 4: the JSON array is cut short: element 3 is not closed", status.Error, StringComparison.Ordinal);
    }

    private async Task<DatasetInfo> CreateAsync(string name, string json)
    {
        var container = fixture.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient($"{name}/data.json").UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(json)), overwrite: true);
        var outcome = await fixture.Grains.GetGrain<IDatasetGrain>(name).RegisterAsync(new DatasetRegistration { Format = "jsonl" });
        Assert.True(outcome.Error is null, outcome.Error);
        return outcome.Dataset!;
    }

    private static string NewId() => "json-" + Guid.NewGuid().ToString("N")[..12];
}
