namespace OrleansProc.Engine.Io;

/// <summary>
/// Delivers the one needed VARCHAR column of each CSV record as UTF-8 bytes (unquoted and unescaped) to
/// <see cref="IUtf8ColumnSink.AcceptUtf8"/>: no string and no row per record. The other quoted fields are still
/// checked, so the same records are bad as row by row.
/// </summary>
internal struct Utf8ColumnDelivery : IRecordDelivery
{
    private readonly IUtf8ColumnSink _sink;
    private readonly ScanColumns _columns;
    private readonly int _column;
    private byte[] _scratch = new byte[256];

    /// <param name="sink">Where the values go.</param>
    /// <param name="column">The sink's <see cref="IUtf8ColumnSink.Utf8Column"/>, the only needed column, a VARCHAR.</param>
    /// <param name="columns">The columns.</param>
    public Utf8ColumnDelivery(IUtf8ColumnSink sink, int column, ScanColumns columns)
    {
        _sink = sink;
        _columns = columns;
        _column = column;
    }

    /// <inheritdoc/>
    public string? DeliverCsv(ReadOnlySpan<byte> record, ReadOnlySpan<CsvField> fields)
    {
        // Most records have no quoted field: the value is the field's bytes as they are.
        foreach (ref readonly var field in fields)
        {
            if (field.HasQuote)
            {
                return DeliverQuoted(record, fields);
            }
        }

        var column = fields[_column];
        _sink.AcceptUtf8(record[column.Start..column.End]);
        return null;
    }

    /// <summary><see cref="DeliverCsv"/> of a record with a quoted field: every quoted field is checked, the value unquoted.</summary>
    private string? DeliverQuoted(ReadOnlySpan<byte> record, ReadOnlySpan<CsvField> fields)
    {
        var needed = _columns.Needed;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (!field.HasQuote && !needed[i])
            {
                continue;
            }

            if (!CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out _, out _, out var error))
            {
                return $"column {_columns.Schema.Columns[i].Name}: {error}";
            }
        }

        // The value again: a later quoted field may have reused the scratch buffer. It was valid the first time.
        var column = fields[_column];
        CsvTokenizer.TryGetValue(record[column.Start..column.End], column.HasQuote, ref _scratch, out var text, out _, out _);
        _sink.AcceptUtf8(text);
        return null;
    }

    /// <inheritdoc/>
    public void Flush()
    {
    }
}
