using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Chooses once per scan how records reach the sink, from the format and what the sink can take: the UTF-8 bytes
/// of one column (<see cref="IUtf8ColumnSink"/>), typed column batches (<see cref="IColumnBatchSink"/>), or rows.
/// </summary>
internal static class RecordDeliveryFactory
{
    /// <summary>The delivery for a scan with <paramref name="options"/> into <paramref name="sink"/>, and the reason for it.</summary>
    public static RecordDeliveryChoice Create(ScanOptions options, IRowSink sink, ScanColumns columns)
    {
        if (options.Format != DataFormat.Csv)
        {
            return new(new RowDelivery(sink, columns), $"rows: {options.Format} records are parsed into rows only");
        }

        var schema = columns.Schema;
        var needed = columns.NeededOrdinals;
        if (sink is IUtf8ColumnSink utf8Sink)
        {
            var column = utf8Sink.Utf8Column;
            if (column >= 0 && column < schema.Count && schema.Columns[column].Type == SqlType.Varchar
                && needed.Length == 1 && needed[0] == column)
            {
                return new(new Utf8ColumnDelivery(utf8Sink, column, columns), $"UTF-8 column: the sink reads VARCHAR column {column} ({schema.Columns[column].Name}) only");
            }
        }

        if (sink is IColumnBatchSink batchSink)
        {
            if (batchSink.Batch is not { } batch)
            {
                return new(new RowDelivery(sink, columns), "rows: the column batch sink offers no batch");
            }

            if (batch.ReadColumns.AsSpan().SequenceEqual(columns.Needed))
            {
                return new(new ColumnBatchDelivery(batchSink, batch, columns), "column batch: the sink's batch holds or filters exactly the needed columns");
            }

            return new(new RowDelivery(sink, columns), "rows: the sink's batch does not hold or filter exactly the needed columns");
        }

        return new(
            new RowDelivery(sink, columns),
            sink is IUtf8ColumnSink ? "rows: the UTF-8 column sink's column is not the one needed VARCHAR column" : "rows: the sink takes rows only");
    }
}
