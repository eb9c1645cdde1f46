using OrleansProc.Engine.Isolation;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.UserProcessors;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Engine.Tests.Isolation;

/// <summary>
/// User processors under <c>--isolation process</c>: the same answers as in the host's threads, and each fault (a throw,
/// a hang, an exit, unbounded allocation) fails the run with a clear error naming the processor, stops only its worker,
/// and leaves the pool serving the next job.
/// </summary>
public sealed class UserProcessorIsolationTests : IDisposable
{
    private const long Rows = 4_000;
    private const int Parts = 2;
    private const string FaultProcessors = "OrleansProc.FaultProcessors";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_AggregateInWorkers_EqualsTheThreadPath()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 2 });
        var files = await ProcessorPackages.WriteSalesAsync(_folder.Path, Rows, Parts);
        var spec = ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "country-totals");

        var threaded = await RunAsync(ProcessorFactory.Instance, spec, files);
        var isolated = await RunAsync(Factory(pool), spec with { Isolation = ProcessorIsolation.Process }, files);

        var expected = ProcessorPackages.SalesRecords(Rows, Parts).Select(r => r.Country).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(expected, isolated.Table.Rows.Count);
        Assert.Equal(Text(threaded.Table), Text(isolated.Table));
        Assert.Equal(threaded.Table.Columns, isolated.Table.Columns);
        Assert.InRange(pool.WorkersStarted, 1, 2);
    }

    [Fact]
    public async Task RunAsync_MapInWorkers_WritesTheThreadPathsOutputFiles()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 2 });
        var files = await ProcessorPackages.WriteSalesAsync(_folder.Path, Rows, Parts);
        var spec = ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "big-orders", "min=4");

        var threaded = await RunAsync(ProcessorFactory.Instance, spec, files, Path.Join(_folder.Path, "thread"));
        var isolated = await RunAsync(Factory(pool), spec with { Isolation = ProcessorIsolation.Process }, files, Path.Join(_folder.Path, "process"));

        Assert.Equal(ProcessorPackages.SalesRecords(Rows, Parts).Count(r => r.Quantity >= 4), isolated.Table.TotalRows);
        Assert.Equal(threaded.Table.TotalRows, isolated.Table.TotalRows);
        Assert.Equal(OutputLines("thread"), OutputLines("process"));
    }

    [Fact]
    public async Task RunAsync_ProcessorThrowsInAWorker_FailsWithTheThreadPathsErrorAndReplacesTheWorker()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 1 });
        var files = await ProcessorPackages.WriteSalesAsync(_folder.Path, Rows, Parts);
        var failAt = ProcessorPackages.SalesRecords(Rows, Parts)[10].UserId;
        var spec = ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "thrower", $"fail-at={failAt}");

        var threaded = await Assert.ThrowsAsync<UserProcessorException>(() => RunAsync(ProcessorFactory.Instance, spec, files, parallelism: 1));
        var isolated = await Assert.ThrowsAsync<UserProcessorException>(
            () => RunAsync(Factory(pool), spec with { Isolation = ProcessorIsolation.Process }, files, parallelism: 1));

        Assert.Equal(threaded.Message, isolated.Message);
        Assert.StartsWith("processor thrower failed in partition 0: InvalidOperationException: user ", isolated.Message, StringComparison.Ordinal);
        await AssertPoolGoesOnAsync(pool, files, workersBefore: 1);
    }

    [Fact]
    public async Task RunAsync_ProcessorHangsInAWorker_TimesOutAndReplacesTheWorker()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 1, RequestTimeout = TimeSpan.FromSeconds(5) });
        var files = await ProcessorPackages.WriteSalesAsync(_folder.Path, Rows, Parts);

        var error = await Assert.ThrowsAsync<IsolatedProcessorException>(() => RunAsync(Factory(pool), FaultSpec("hang"), files, parallelism: 1));

        Assert.Equal("processor hang timed out after 5 s (ORLEANSPROC_WORKER_TIMEOUT); its worker process was stopped", error.Message);
        await AssertPoolGoesOnAsync(pool, files, workersBefore: 1);
    }

    [Fact]
    public async Task RunAsync_ProcessorExitsItsWorker_FailsWithTheExitCodeAndReplacesTheWorker()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 1 });
        var files = await ProcessorPackages.WriteSalesAsync(_folder.Path, Rows, Parts);

        var error = await Assert.ThrowsAsync<IsolatedProcessorException>(() => RunAsync(Factory(pool), FaultSpec("exit"), files, parallelism: 1));

        Assert.Equal("processor exit ended its worker process (exit code 3)", error.Message);
        await AssertPoolGoesOnAsync(pool, files, workersBefore: 1);
    }

    [Fact]
    public async Task RunAsync_ProcessorAllocatesWithoutBound_FailsOnTheMemoryCapAndReplacesTheWorker()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 1, MemoryCapBytes = 96L << 20 });
        var files = await ProcessorPackages.WriteSalesAsync(_folder.Path, Rows, Parts);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(Factory(pool), FaultSpec("allocate"), files, parallelism: 1));

        Assert.True(error is IsolatedProcessorException or UserProcessorException, error.ToString());
        Assert.StartsWith("processor allocate ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Memory", error.Message, StringComparison.OrdinalIgnoreCase);
        await AssertPoolGoesOnAsync(pool, files, workersBefore: 1);
    }

    private static ProcessorFactory Factory(WorkerPool pool) => new(new IsolatedProcessorFactory(pool));

    private static ProcessorSpec FaultSpec(string name) =>
        ProcessorPackages.Spec(FaultProcessors, name) with { Isolation = ProcessorIsolation.Process };

    /// <summary>The failed worker is gone and the next job, in a fresh worker, is right.</summary>
    private static async Task AssertPoolGoesOnAsync(WorkerPool pool, IReadOnlyList<string> files, int workersBefore)
    {
        var count = await RunAsync(new IsolatedProcessorFactory(pool), ProcessorSpec.Query("SELECT COUNT(*) FROM sales"), files, parallelism: 1);
        Assert.Equal(Rows, count.Table.Rows[0][0].Int64);
        Assert.Equal(workersBefore + 1, pool.WorkersStarted);
        Assert.Equal(1, pool.WorkersAlive);
    }

    private static Task<LocalRunResult> RunAsync(IProcessorFactory factory, ProcessorSpec spec, IReadOnlyList<string> files, string? output = null, int parallelism = 2) =>
        ProcessorPackages.RunAsync(spec, files, partitionSize: 48 * 1024, parallelism: parallelism, output: output, factory: factory);

    private static List<string[]> Text(ResultTable table) =>
        [.. table.Rows.Select(r => r.Select(v => v.ToInvariantString() ?? "NULL").ToArray())];

    private List<string> OutputLines(string folder) =>
        [.. Directory.GetFiles(Path.Join(_folder.Path, folder)).Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines)];
}
