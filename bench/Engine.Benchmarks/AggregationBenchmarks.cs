using BenchmarkDotNet.Attributes;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>
/// The bench's aggregate query (filter, group by country, 5 aggregates) over the sample's parsed fields: row by row
/// (each field to a <see cref="SqlValue"/>, then the evaluator per row) against column batches (each field into a
/// typed vector, then one loop per aggregate per 1,024 rows). Framing is left out: both start from the field bytes.
/// </summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    private const string Query =
        "SELECT country, COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount) FROM t WHERE quantity >= 2 GROUP BY country";

    private IPartitionProcessor _processor = null!;
    private SalesSample _sample = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sample = SalesSample.Instance;
        _processor = SqlProcessor.Create(Query, _sample.Schema);
    }

    [Benchmark(Baseline = true)]
    public int RowByRow()
    {
        var partial = (AggregatePartial)_processor.CreatePartial();
        var row = new SqlValue[_sample.Schema.Count];
        var cache = new StringCache();
        for (var r = 0; r < _sample.Countries.Count; r++)
        {
            FieldParser.TryParse(_sample.Countries[r], false, SqlType.Varchar, cache, out row[2]);
            FieldParser.TryParse(_sample.Amounts[r], false, SqlType.Double, null, out row[4]);
            FieldParser.TryParse(_sample.Quantities[r], false, SqlType.BigInt, null, out row[5]);
            partial.Accept(row);
        }

        return partial.Groups.Count;
    }

    [Benchmark]
    public int ColumnBatches()
    {
        var partial = (AggregatePartial)_processor.CreatePartial();
        var batch = partial.Batch!;
        for (var r = 0; r < _sample.Countries.Count; r++)
        {
            batch.TryAppend(2, _sample.Countries[r], false);
            batch.TryAppend(4, _sample.Amounts[r], false);
            batch.TryAppend(5, _sample.Quantities[r], false);
            if (batch.Commit())
            {
                partial.AcceptBatch(batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            partial.AcceptBatch(batch);
            batch.Clear();
        }

        return partial.Groups.Count;
    }
}
