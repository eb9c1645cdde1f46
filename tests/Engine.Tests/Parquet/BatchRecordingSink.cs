using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Parquet;

/// <summary>Counts what a scan delivers, as rows or as batches, and sums the batches' vectors per column.</summary>
internal sealed class BatchRecordingSink(ColumnBatch batch) : IRowSink, IColumnBatchSink
{
    public ColumnBatch? Batch => batch;

    public long Rows { get; private set; }

    public long BatchRows { get; private set; }

    public long[] NonNull { get; } = new long[batch.Columns.Length];

    public long[] Int64Sums { get; } = new long[batch.Columns.Length];

    public double[] DoubleSums { get; } = new double[batch.Columns.Length];

    public void Accept(ReadOnlySpan<SqlValue> row) => Rows++;

    public void AcceptBatch(ColumnBatch delivered)
    {
        BatchRows += delivered.Count;
        for (var c = 0; c < delivered.Columns.Length; c++)
        {
            if (!delivered.Columns[c])
            {
                continue;
            }

            for (var r = 0; r < delivered.Count; r++)
            {
                if (delivered.Nulls[c]![r])
                {
                    continue;
                }

                NonNull[c]++;
                Int64Sums[c] += delivered.Int64s[c]?[r] ?? 0;
                DoubleSums[c] += delivered.Doubles[c]?[r] ?? 0;
            }
        }
    }
}
