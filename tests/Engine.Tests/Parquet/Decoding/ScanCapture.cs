using System.Globalization;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>Every value a scan delivers, as text per row: from rows (<see cref="IRowSink.Accept"/>), or from column batches when made with one.</summary>
internal sealed class ScanCapture(ColumnBatch? batch) : IRowSink, IColumnBatchSink
{
    public ColumnBatch? Batch => batch;

    public List<string> Rows { get; } = [];

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        var fields = new string[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            fields[i] = row[i].ToString();
        }

        Rows.Add(string.Join('|', fields));
    }

    public void AcceptBatch(ColumnBatch delivered)
    {
        for (var r = 0; r < delivered.Count; r++)
        {
            var fields = delivered.HeldOrdinals.Select(c => delivered.Nulls[c]![r]
                ? "NULL"
                : delivered.Int64s[c] is { } longs ? longs[r].ToString(CultureInfo.InvariantCulture)
                : delivered.Doubles[c] is { } doubles ? doubles[r].ToString("R", CultureInfo.InvariantCulture)
                : delivered.Keys[c]!.StringOf(delivered.Codes[c]![r]));
            Rows.Add(string.Join('|', fields));
        }
    }
}
