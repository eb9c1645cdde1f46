using System.Diagnostics;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;
using OrleansProc.TestSupport;
using Xunit.Abstractions;

namespace OrleansProc.EndToEnd.Tests.Faults;

/// <summary>
/// User processors that misbehave, run with <c>--isolation process</c> on two silo processes: one throws, one hangs, one
/// ends its process, one allocates without bound. Each job fails naming the processor, the partition and what went
/// wrong, after its attempts were retried; a SQL job run meanwhile gets its exact answer and both silos stay up.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ProcessorFaultEndToEndTests(FaultClusterFixture cluster, ITestOutputHelper output) : IClassFixture<FaultClusterFixture>, IAsyncLifetime
{
    private const string Dataset = "procfaultsales";
    private const long Rows = 60_000;
    private const int Parts = 2;
    private const int Seed = 31;
    private const long PartitionSize = 512 * 1024;

    public async Task InitializeAsync()
    {
        await FaultJobs.EnsureDatasetAsync(cluster, Dataset, Rows, Parts, Seed);
        await EnsureUploadedAsync("faults", "FaultProcessors", "OrleansProc.FaultProcessors.dll");
        await EnsureUploadedAsync("testprocs", "TestProcessors", "OrleansProc.TestProcessors.dll");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("faults:hang", "hang", "timed out after")]
    [InlineData("faults:exit", "exit", "ended its worker process")]
    [InlineData("faults:allocate", "allocate", "memory")]
    [InlineData("testprocs:thrower", "thrower", "InvalidOperationException: user")]
    public async Task Run_MisbehavingProcessorInWorkers_FailsNamingItWhileSilosAndOtherJobsGoOn(string processor, string name, string expected)
    {
        var failAt = SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(Rows, Parts, 0), Seed, 0).First().UserId;
        var clock = Stopwatch.StartNew();
        var sql = cluster.RunClientAsync("query", FaultJobs.CountSum(Dataset), "--format", "json", "--partition-size", $"{PartitionSize}");
        var run = await cluster.RunClientAsync(
            "run", processor, Dataset, "--isolation", "process", "--arg", $"fail-at={failAt}", "--partition-size", $"{PartitionSize}");
        output.WriteLine($"{processor} ended after {clock.Elapsed.TotalSeconds:F1}s: {run.Stderr.Trim()}");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"processor {name}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("partition", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("failed 3 times", run.Stderr, StringComparison.Ordinal);

        FaultJobs.AssertAnswer(await sql, FaultJobs.Expected(Rows, Parts, Seed));
        var status = await cluster.RunClientAsync("cluster", "status", "--format", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(ClusterFixture.SiloCount, status.Json().GetArrayLength());
    }

    [Fact]
    public async Task Run_WellBehavedProcessorInWorkers_EqualsTheThreadPathAndLinq()
    {
        var failAt = -1L; // no user id is negative: the thrower counts every record
        var inWorkers = await cluster.RunClientAsync(
            "run", "testprocs:thrower", Dataset, "--isolation", "process", "--arg", $"fail-at={failAt}", "--format", "json", "--partition-size", $"{PartitionSize}");
        var onThreads = await cluster.RunClientAsync(
            "run", "testprocs:thrower", Dataset, "--arg", $"fail-at={failAt}", "--format", "json", "--partition-size", $"{PartitionSize}");

        Assert.True(inWorkers.ExitCode == 0, inWorkers.ToString());
        Assert.True(onThreads.ExitCode == 0, onThreads.ToString());
        Assert.Equal(Rows, inWorkers.Json()[0].GetProperty("n").GetInt64());
        Assert.Equal(Rows, onThreads.Json()[0].GetProperty("n").GetInt64());
    }

    private async Task EnsureUploadedAsync(string package, string project, string assembly)
    {
        var show = await cluster.RunClientAsync("processor", "show", package);
        if (show.ExitCode == 0)
        {
            return;
        }

        var dll = Path.Combine(RepositoryRoot.Path, "tests", project, "bin", RepositoryRoot.Configuration, "net10.0", assembly);
        var upload = await cluster.RunClientAsync("processor", "upload", dll, "--name", package);
        Assert.True(upload.ExitCode == 0, upload.ToString());
    }
}
