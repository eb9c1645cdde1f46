using OrleansProc.Engine.Isolation;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.Isolation;

/// <summary>The worker pool: reuse across partitions, and the faults that stop only their worker.</summary>
public sealed class WorkerPoolTests : IDisposable
{
    private const int Seed = 5;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Rent_ManyPartitionsOnOneSlot_ReusesOneWorker()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 1 });
        var file = await WriteSalesAsync("sales.csv", 4_000);

        var result = await RunAsync(pool, "SELECT COUNT(*) FROM sales", file, parallelism: 2);

        Assert.Equal(4_000, result.Table.Rows[0][0].Int64);
        Assert.True(result.Partitions > 3, $"{result.Partitions} partitions");
        Assert.Equal(1, pool.WorkersStarted);
        Assert.Equal(1, pool.WorkersAlive);
    }

    [Fact]
    public async Task Rent_WorkerIdlePastTheIdleTimeout_IsStopped()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 1, IdleTimeout = TimeSpan.FromMilliseconds(100), WatchdogInterval = TimeSpan.FromMilliseconds(20) });
        var file = await WriteSalesAsync("sales.csv", 100);
        await RunAsync(pool, "SELECT COUNT(*) FROM sales", file);
        var pid = Assert.Single(pool.WorkerProcessIds());

        await WaitForExitAsync(pid);

        Assert.Equal(0, pool.WorkersAlive);
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public async Task RunAsync_RequestPastTheTimeout_StopsTheWorkerAndTheNextJobGetsAFreshOne()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 1, RequestTimeout = TimeSpan.FromSeconds(3) });
        var file = await WriteSalesAsync("sales.csv", 2_000);

        var error = await Assert.ThrowsAsync<IsolatedProcessorException>(
            () => RunAsync(pool, "SELECT MAX(SHA256_ROUNDS(comment, 1000000)) FROM sales", file));

        Assert.StartsWith("processor query timed out after 3 s (ORLEANSPROC_WORKER_TIMEOUT)", error.Message, StringComparison.Ordinal);
        var after = await RunAsync(pool, "SELECT COUNT(*) FROM sales", file);
        Assert.Equal(2_000, after.Table.Rows[0][0].Int64);
        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task RunAsync_WorkerPastTheMemoryCap_FailsWithAMemoryErrorAndThePoolGoesOn()
    {
        using var pool = new WorkerPool(new WorkerPoolOptions { MaxWorkers = 1, MemoryCapBytes = 24L << 20, WorkingSetSlackBytes = 64L << 20 });
        var file = await WriteSalesAsync("sales.csv", 150_000);

        var error = await Assert.ThrowsAsync<IsolatedProcessorException>(() => RunAsync(
            pool,
            "SELECT COUNT(DISTINCT comment || CAST(user_id AS VARCHAR) || CAST(ts AS VARCHAR) || CAST(amount AS VARCHAR)) FROM sales",
            file,
            maxGroups: 10_000_000));

        Assert.StartsWith("processor query ", error.Message, StringComparison.Ordinal);
        Assert.Contains("memory", error.Message, StringComparison.OrdinalIgnoreCase);
        var after = await RunAsync(pool, "SELECT COUNT(*) FROM sales", file);
        Assert.Equal(150_000, after.Table.Rows[0][0].Int64);
    }

    private static Task<LocalRunResult> RunAsync(WorkerPool pool, string sql, string file, int parallelism = 1, int? maxGroups = null) =>
        new LocalJobRunner(new IsolatedProcessorFactory(pool)).RunAsync(new LocalJob
        {
            Files = [file],
            Processor = ProcessorSpec.Query(sql, maxGroups),
            PartitionSize = 32 * 1024,
            DegreeOfParallelism = parallelism,
        });

    /// <summary>Waits (up to 30 s) for the process to exit; at once when it already has.</summary>
    private static async Task WaitForExitAsync(int pid)
    {
        System.Diagnostics.Process process;
        try
        {
            process = System.Diagnostics.Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return; // no such process: it has exited
        }

        using (process)
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private async Task<string> WriteSalesAsync(string name, long rows)
    {
        var path = _folder.File(name);
        await using var stream = File.Create(path);
        await SalesDataGenerator.WriteCsvAsync(stream, rows, Seed, 0);
        return path;
    }
}
