using System.Globalization;
using OrleansProc.Engine.Isolation;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.Isolation;

/// <summary>The process path (<see cref="IsolatedProcessorFactory"/>: processors in worker processes) gives the thread path's answers.</summary>
public sealed class IsolatedProcessorFactoryTests : IDisposable
{
    private const int Seed = 12;
    private const long SalesRows = 5_000;
    private const int SalesParts = 2;

    private readonly TempFolder _folder = new();
    private readonly WorkerPool _pool = new(new WorkerPoolOptions { MaxWorkers = 2 });

    public void Dispose()
    {
        _pool.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task RunAsync_GroupByInWorkers_EqualsLinqAndTheThreadPath()
    {
        var files = await WriteSalesAsync();
        const string Sql = "SELECT country, COUNT(*) AS n, SUM(quantity) AS q, COUNT(DISTINCT comment) AS c FROM sales GROUP BY country ORDER BY country";

        var isolated = await RunAsync(new IsolatedProcessorFactory(_pool), ProcessorSpec.Query(Sql), files);
        var threaded = await RunAsync(ProcessorFactory.Instance, ProcessorSpec.Query(Sql), files);

        var expected = SalesRecords()
            .GroupBy(r => r.Country, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[]
            {
                g.Key,
                g.LongCount().ToString(CultureInfo.InvariantCulture),
                g.Sum(r => (long)r.Quantity).ToString(CultureInfo.InvariantCulture),
                g.Select(r => r.Comment).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture),
            })
            .ToList();
        Assert.Equal(expected, Text(isolated.Table));
        Assert.Equal(Text(threaded.Table), Text(isolated.Table));
        Assert.Equal(threaded.Table.Columns, isolated.Table.Columns);
        Assert.True(isolated.Partitions > 4, $"{isolated.Partitions} partitions");
        Assert.InRange(_pool.WorkersStarted, 1, 2);
    }

    [Fact]
    public async Task RunAsync_WordCountInWorkers_EqualsTheThreadPath()
    {
        var files = await WriteSalesAsync();
        var spec = ProcessorSpec.WordCount("comment", top: 15);

        var isolated = await RunAsync(new IsolatedProcessorFactory(_pool), spec, files);
        var threaded = await RunAsync(ProcessorFactory.Instance, spec, files);

        Assert.Equal(Text(threaded.Table), Text(isolated.Table));
        Assert.Equal(15, isolated.Table.Rows.Count);
    }

    [Fact]
    public async Task RunAsync_TransformInWorkers_WritesTheThreadPathsOutputFiles()
    {
        var files = await WriteSalesAsync();
        var spec = ProcessorSpec.Query("SELECT user_id, UPPER(country) AS country, amount FROM sales WHERE quantity > 5");

        var isolated = await RunAsync(new IsolatedProcessorFactory(_pool), spec, files, Path.Join(_folder.Path, "out-process"));
        var threaded = await RunAsync(ProcessorFactory.Instance, spec, files, Path.Join(_folder.Path, "out-thread"));

        var expected = SalesRecords().Count(r => r.Quantity > 5);
        Assert.Equal(expected, isolated.Table.TotalRows);
        Assert.Equal(threaded.Table.TotalRows, isolated.Table.TotalRows);
        Assert.Equal(OutputLines("out-thread"), OutputLines("out-process"));
        Assert.Equal(expected, OutputLines("out-process").Count(l => !l.StartsWith("user_id", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Create_UnknownColumn_IsAQueryErrorAndKeepsTheWorker()
    {
        var files = await WriteSalesAsync();
        var factory = new IsolatedProcessorFactory(_pool);

        var error = await Assert.ThrowsAsync<QueryException>(() => RunAsync(factory, ProcessorSpec.Query("SELECT SUM(nope) FROM sales"), files));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        var kept = Assert.Single(_pool.WorkerProcessIds());
        var count = await RunAsync(factory, ProcessorSpec.Query("SELECT COUNT(*) FROM sales"), files);
        Assert.Equal(SalesRows, count.Table.Rows[0][0].Int64);
        Assert.Contains(kept, _pool.WorkerProcessIds());
    }

    [Fact]
    public async Task RunAsync_TooManyGroupsInAWorker_IsTheThreadPathsQueryError()
    {
        var files = await WriteSalesAsync();
        var spec = ProcessorSpec.Query("SELECT user_id, COUNT(*) FROM sales GROUP BY user_id", maxGroups: 10);

        var threaded = await Assert.ThrowsAsync<QueryException>(() => RunAsync(ProcessorFactory.Instance, spec, files));
        var isolated = await Assert.ThrowsAsync<QueryException>(() => RunAsync(new IsolatedProcessorFactory(_pool), spec, files));

        Assert.Equal(threaded.Message, isolated.Message);
    }

    private static Task<LocalRunResult> RunAsync(IProcessorFactory factory, ProcessorSpec spec, IReadOnlyList<string> files, string? output = null) =>
        new LocalJobRunner(factory).RunAsync(new LocalJob
        {
            Files = files,
            Processor = spec,
            PartitionSize = 64 * 1024,
            DegreeOfParallelism = 2,
            OutputDirectory = output,
        });

    private static List<SalesRecord> SalesRecords() =>
        [.. Enumerable.Range(0, SalesParts).SelectMany(p => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(SalesRows, SalesParts, p), Seed, p))];

    private static List<string[]> Text(ResultTable table) =>
        [.. table.Rows.Select(r => r.Select(v => v.ToInvariantString() ?? "NULL").ToArray())];

    private List<string> OutputLines(string folder) =>
        [.. Directory.GetFiles(Path.Join(_folder.Path, folder)).Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines)];

    private async Task<IReadOnlyList<string>> WriteSalesAsync()
    {
        for (var part = 0; part < SalesParts; part++)
        {
            await using var stream = File.Create(_folder.File($"sales/sales-{part}.csv"));
            await SalesDataGenerator.WriteCsvAsync(stream, SalesDataGenerator.RowsInPart(SalesRows, SalesParts, part), Seed, part);
        }

        return LocalJobRunner.ExpandPaths(Path.Join(_folder.Path, "sales"));
    }
}
