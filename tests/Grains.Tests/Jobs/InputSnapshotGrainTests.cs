using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// A dataset overwritten while a job reads it: one attempt per silo reads the planned version, the others wait at the
/// <see cref="AttemptGate"/> until the blob has changed. The job fails naming the blob, or with --snapshot retry
/// answers exactly the new version; never a mix of both.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class InputSnapshotGrainTests(GrainClusterFixture fixture)
{
    private const long PartitionSize = 2_048;

    [Theory]
    [InlineData("rewritten")]
    [InlineData("shorter")]
    [InlineData("deleted")]
    public async Task SubmitAsync_DatasetChangedMidJob_FailsNamingTheDatasetJobAndBlob(string change)
    {
        var dataset = $"snap-{change}";
        var old = Records(2_000, seed: 1);
        var replacement = change == "shorter" ? Records(300, seed: 2) : Records(2_000, seed: 2);

        var (jobId, status) = await RunChangingMidJobAsync(dataset, old, change == "deleted" ? null : replacement, SnapshotMode.Fail);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal($"dataset {dataset} changed while job {jobId} read it (blob {dataset}/data.csv)", status.Error);
        Assert.Null(await fixture.Grains.GetGrain<IJobGrain>(jobId).GetResultAsync());
    }

    [Theory]
    [InlineData("rewritten")]
    [InlineData("shorter")]
    public async Task SubmitAsync_DatasetChangedMidJobWithSnapshotRetry_AnswersExactlyTheNewVersion(string change)
    {
        var dataset = $"snap-retry-{change}";
        var old = Records(2_000, seed: 3);
        var replacement = change == "shorter" ? Records(300, seed: 4) : Records(2_000, seed: 4);

        var (jobId, status) = await RunChangingMidJobAsync(dataset, old, replacement, SnapshotMode.Retry);

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(status.PartitionsTotal, status.PartitionsDone);
        var result = await fixture.Grains.GetGrain<IJobGrain>(jobId).GetResultAsync();
        Assert.Equal(Expected(replacement), result!.Rows.Single());
        Assert.NotEqual(Expected(old), result.Rows.Single());
    }

    /// <summary>
    /// Runs COUNT(*), COUNT(v), SUM(v) over <paramref name="old"/>; once an attempt has finished over it, the blob is
    /// replaced by <paramref name="replacement"/> (deleted when null) and the held attempts go on.
    /// </summary>
    private async Task<(string JobId, JobStatus Status)> RunChangingMidJobAsync(string dataset, IReadOnlyList<(int Id, int? V, string Name)> old, IReadOnlyList<(int Id, int? V, string Name)>? replacement, SnapshotMode mode)
    {
        await fixture.CreateDatasetAsync(dataset, Csv(old));
        var sql = $"SELECT COUNT(*) AS n, COUNT(v) AS c, SUM(v) AS s FROM {dataset}";
        var gates = fixture.Cluster.Silos.Cast<InProcessSiloHandle>().Select(s => s.ServiceProvider.GetRequiredService<AttemptGate>()).ToList();
        var jobId = $"t{Guid.NewGuid():N}"[..20];
        var job = fixture.Grains.GetGrain<IJobGrain>(jobId);
        foreach (var gate in gates)
        {
            gate.Hold(sql, pass: 1);
        }

        try
        {
            var outcome = await job.SubmitAsync(new JobSpec { Sql = sql, PartitionSize = PartitionSize, Snapshot = mode });
            Assert.True(outcome.Accepted, outcome.Message);
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (await job.WaitForStatusAsync(TimeSpan.FromMilliseconds(100), deadline.Token) is { PartitionsDone: 0, IsFinished: false } status)
            {
                Assert.True(status.PartitionsTotal > 4, $"{status.PartitionsTotal} partitions");
                deadline.Token.ThrowIfCancellationRequested();
            }

            var blob = fixture.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).GetBlobClient($"{dataset}/data.csv");
            if (replacement is null)
            {
                await blob.DeleteAsync();
            }
            else
            {
                await blob.UploadAsync(BinaryData.FromString(Csv(replacement)), overwrite: true);
            }
        }
        finally
        {
            foreach (var gate in gates)
            {
                gate.Open(sql);
            }
        }

        if (replacement is not null && mode == SnapshotMode.Retry)
        {
            // Registered again as `dataset upload` does, after the held attempts went on: a re-plan before this waits
            // for it (the listed blobs are not those the dataset was registered with).
            var registered = await fixture.Grains.GetGrain<IDatasetGrain>(dataset).RegisterAsync(new DatasetRegistration());
            Assert.True(registered.Error is null, registered.Error);
        }

        return (jobId, await fixture.WaitAsync(jobId));
    }

    /// <summary>Records with NULLs (empty v) and non-ASCII, quoted names with commas.</summary>
    private static List<(int Id, int? V, string Name)> Records(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count)
            .Select(i => (i, random.Next(10) == 0 ? (int?)null : random.Next(-500, 1_000), $"Zoë, n°{i}"))
            .ToList();
    }

    private static string Csv(IEnumerable<(int Id, int? V, string Name)> records)
    {
        var csv = new StringBuilder("id,v,name\n");
        foreach (var (id, v, name) in records)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},{v},\"{name}\"\n");
        }

        return csv.ToString();
    }

    private static string[] Expected(IReadOnlyList<(int Id, int? V, string Name)> records) =>
    [
        records.Count.ToString(CultureInfo.InvariantCulture),
        records.Count(r => r.V is not null).ToString(CultureInfo.InvariantCulture),
        records.Sum(r => (long)(r.V ?? 0)).ToString(CultureInfo.InvariantCulture),
    ];
}
