using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Delivers records as rows of <see cref="SqlValue"/>s to <see cref="IRowSink.Accept"/>: every format, and the
/// general case of CSV. The row is reused; only the needed columns are filled.
/// </summary>
internal struct RowDelivery : IRecordDelivery
{
    private readonly IRowSink _sink;
    private readonly ScanColumns _columns;
    private byte[] _scratch = new byte[256];

    /// <param name="sink">Where the rows go.</param>
    /// <param name="columns">The columns to fill.</param>
    public RowDelivery(IRowSink sink, ScanColumns columns)
    {
        _sink = sink;
        _columns = columns;
        Row = new SqlValue[columns.Schema.Count];
    }

    /// <summary>The row handed to the sink, one entry per schema column; line formats fill it before <see cref="Deliver"/>.</summary>
    public SqlValue[] Row { get; }

    /// <summary>Hands <see cref="Row"/> to the sink.</summary>
    public void Deliver() => _sink.Accept(Row);

    /// <inheritdoc/>
    public string? DeliverCsv(ReadOnlySpan<byte> record, ReadOnlySpan<CsvField> fields)
    {
        var needed = _columns.Needed;
        var types = _columns.Types;
        var row = Row;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (!field.HasQuote && !needed[i])
            {
                continue;
            }

            if (!CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out var value, out var quoted, out var error))
            {
                return $"column {_columns.Schema.Columns[i].Name}: {error}";
            }

            if (needed[i] && !FieldParser.TryParse(value, quoted, types[i], _columns.Caches[i], out row[i]))
            {
                return FieldParser.NotATypeReason(_columns.Schema.Columns[i].Name, value, types[i]);
            }
        }

        _sink.Accept(row);
        return null;
    }

    /// <inheritdoc/>
    public void Flush()
    {
    }
}
