using BenchmarkDotNet.Attributes;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql;
using ParquetSharp;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>
/// The two Parquet readers served here on the same file, reading the columns a typical aggregate needs (delay,
/// distance, origin of vega-datasets' flights-3m.parquet: 3,000,000 rows in 11 row groups), one thread, every value
/// touched: ParquetSharp (Arrow's C++ reader, the one the Engine uses) and Parquet.Net (managed, the yardstick), and
/// the Engine's whole scan of the same columns into a GROUP BY. The file's path is in ORLEANSPROC_PARQUET_FILE.
/// </summary>
[MemoryDiagnoser]
public class ParquetReaderBenchmarks
{
    private const string Aggregate = "SELECT origin, COUNT(*), AVG(delay), SUM(distance) FROM t GROUP BY origin";

    private string _path = null!;
    private IPartitionProcessor _aggregate = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Environment.GetEnvironmentVariable("ORLEANSPROC_PARQUET_FILE")
            ?? throw new InvalidOperationException("Set ORLEANSPROC_PARQUET_FILE to flights-3m.parquet (npm package vega-datasets, data/).");
        using var file = File.OpenRead(_path);
        _aggregate = SqlProcessor.Create(Aggregate, ParquetSchemaReader.Read(file, _path));
    }

    [Benchmark(Baseline = true)]
    public long ParquetSharpColumns()
    {
        long sum = 0;
        using var file = new ParquetFileReader(_path);
        var schema = file.FileMetaData.Schema;
        int[] columns = [schema.ColumnIndex("delay"), schema.ColumnIndex("distance"), schema.ColumnIndex("origin")];
        for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            var rows = (int)group.MetaData.NumRows;
            var delay = new long?[rows];
            var distance = new long?[rows];
            var origin = new string?[rows];
            using (var reader = group.Column(columns[0]).LogicalReader<long?>())
            {
                reader.ReadBatch(delay);
            }

            using (var reader = group.Column(columns[1]).LogicalReader<long?>())
            {
                reader.ReadBatch(distance);
            }

            using (var reader = group.Column(columns[2]).LogicalReader<string?>())
            {
                reader.ReadBatch(origin);
            }

            for (var r = 0; r < rows; r++)
            {
                sum += (delay[r] ?? 0) + (distance[r] ?? 0) + (origin[r]?.Length ?? 0);
            }
        }

        return sum;
    }

    [Benchmark]
    public async Task<long> ParquetNetColumns()
    {
        long sum = 0;
        await using var stream = File.OpenRead(_path);
        await using var file = await global::Parquet.ParquetReader.CreateAsync(stream);
        var fields = file.Schema.GetDataFields();
        var delayField = fields.First(f => f.Name == "delay");
        var distanceField = fields.First(f => f.Name == "distance");
        var originField = fields.First(f => f.Name == "origin");
        for (var g = 0; g < file.RowGroupCount; g++)
        {
            using var group = file.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            var delay = new long?[rows];
            var distance = new long?[rows];
            var origin = new string?[rows];
            await group.ReadAsync<long>(delayField, delay);
            await group.ReadAsync<long>(distanceField, distance);
            await group.ReadAsync(originField, origin.AsMemory());
            for (var r = 0; r < rows; r++)
            {
                sum += (delay[r] ?? 0) + (distance[r] ?? 0) + (origin[r]?.Length ?? 0);
            }
        }

        return sum;
    }

    [Benchmark]
    public long EngineAggregateScan()
    {
        using var file = File.OpenRead(_path);
        var partial = _aggregate.CreatePartial();
        var slice = new InputSlice(_path, 0, long.MaxValue, Gzip: false);
        return ParquetSliceScanner.Scan(file, slice, _aggregate, RowGroupPruner.For(_aggregate), partial, CancellationToken.None).Rows;
    }
}
