using OrleansProc.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// `dataset generate` over the dataset a job reads, on silo processes and Azurite: the job fails naming the dataset,
/// the job and a blob, or with `--snapshot retry` answers exactly the new version (never a mix of both).
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SnapshotEndToEndTests(FaultClusterFixture cluster, ITestOutputHelper output) : IClassFixture<FaultClusterFixture>
{
    private const long Rows = 300_000;
    private const int Parts = 4;
    private const int Seed = 21;
    private const long NewRows = 200_000;
    private const int NewParts = 3;
    private const int NewSeed = 22;

    // Small partitions: many of them, so the job still runs when the new version is written.
    private const long PartitionSize = 24 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task DatasetGenerate_MidJob_FailsNamingTheDatasetJobAndBlob()
    {
        const string Dataset = "snapfail";
        var jobId = await StartAndReplaceMidJobAsync(Dataset);

        var watch = await cluster.RunClientAsync("job", "watch", jobId);

        Assert.True(watch.ExitCode == 1, watch.ToString());
        Assert.Contains($"dataset {Dataset} changed while job {jobId} read it (blob {Dataset}/", watch.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetGenerate_MidJobWithSnapshotRetry_AnswersExactlyTheNewVersion()
    {
        var jobId = await StartAndReplaceMidJobAsync("snapretry", "--snapshot", "retry");

        var watch = await FaultJobs.WatchUntilFinishedAsync(cluster, jobId, Patience, output.WriteLine);

        FaultJobs.AssertAnswer(watch, FaultJobs.Expected(NewRows, NewParts, NewSeed));
    }

    /// <summary>Generates the dataset, starts the count over it, and once a few partitions are done generates it anew.</summary>
    private async Task<string> StartAndReplaceMidJobAsync(string dataset, params string[] options)
    {
        await FaultJobs.GenerateAsync(cluster, dataset, Rows, Parts, Seed);
        var submit = await cluster.RunClientAsync(["query", FaultJobs.CountSum(dataset), "--detach", "--partition-size", $"{PartitionSize}", .. options]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var jobId = submit.Stdout.Trim();
        var before = await FaultJobs.WaitForAsync(cluster, jobId, p => p.Done >= 3 || p.State != "running", Patience, "3 partitions done");
        Assert.True(before.State == "running", $"the job ended before the dataset changed; make it bigger:\n{before}");

        await FaultJobs.GenerateAsync(cluster, dataset, NewRows, NewParts, NewSeed);
        output.WriteLine($"dataset {dataset} generated anew at {before.Done}/{before.Total} partitions done");
        return jobId;
    }
}
