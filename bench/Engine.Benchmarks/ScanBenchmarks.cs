using BenchmarkDotNet.Attributes;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.WordCount;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>
/// A whole scan of the in-memory sample (framing, UTF-8 validation, parsing, the partial), one thread: the bench's
/// aggregate query, the same query forced row by row (a WHERE the batch plan does not take), and the word count.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private const string Aggregate =
        "SELECT country, COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount) FROM t WHERE quantity >= 2 GROUP BY country";

    private const string AggregateRowByRow =
        "SELECT country, COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount) FROM t WHERE quantity >= 2 OR quantity < 0 GROUP BY country";

    private SalesSample _sample = null!;
    private IPartitionProcessor _aggregate = null!;
    private IPartitionProcessor _aggregateRows = null!;
    private IPartitionProcessor _wordCount = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sample = SalesSample.Instance;
        _aggregate = SqlProcessor.Create(Aggregate, _sample.Schema);
        _aggregateRows = SqlProcessor.Create(AggregateRowByRow, _sample.Schema);
        _wordCount = WordCountProcessor.Create(_sample.Schema, "comment", 20);
    }

    [Benchmark(Baseline = true)]
    public Task<long> AggregateQuery() => ScanAsync(_aggregate);

    [Benchmark]
    public Task<long> AggregateQueryRowByRow() => ScanAsync(_aggregateRows);

    [Benchmark]
    public Task<long> WordCount() => ScanAsync(_wordCount);

    private async Task<long> ScanAsync(IPartitionProcessor processor)
    {
        var options = new ScanOptions
        {
            Format = DataFormat.Csv,
            Schema = _sample.Schema,
            NeededColumns = processor.NeededColumns,
            SourceName = "sample.csv",
        };
        using var stream = new MemoryStream(_sample.Csv, writable: false);
        var result = await RecordScanner.ScanAsync(stream, options, processor.CreatePartial());
        return result.Records;
    }
}
