namespace OrleansProc.Engine.Io;

/// <summary>
/// Delivers CSV records as typed column batches: parses the needed fields straight into the sink's
/// <see cref="ColumnBatch"/> and hands it to <see cref="IColumnBatchSink.AcceptBatch"/> whenever it is full and on
/// <see cref="Flush"/>. No row and no string per VARCHAR value.
/// </summary>
internal struct ColumnBatchDelivery : IRecordDelivery
{
    private readonly IColumnBatchSink _sink;
    private readonly ColumnBatch _batch;
    private readonly ScanColumns _columns;
    private byte[] _scratch = new byte[256];

    /// <param name="sink">Where the batches go.</param>
    /// <param name="batch">The sink's batch, holding every needed column.</param>
    /// <param name="columns">The columns.</param>
    public ColumnBatchDelivery(IColumnBatchSink sink, ColumnBatch batch, ScanColumns columns)
    {
        _sink = sink;
        _batch = batch;
        _columns = columns;
    }

    /// <inheritdoc/>
    public string? DeliverCsv(ReadOnlySpan<byte> record, ReadOnlySpan<CsvField> fields)
    {
        if (!TryAppend(record, fields))
        {
            // The general loop names the problem, or appends the record after all.
            var needed = _columns.Needed;
            var columns = _columns.Schema.Columns;
            for (var i = 0; i < fields.Length; i++)
            {
                var field = fields[i];
                if (!field.HasQuote && !needed[i])
                {
                    continue;
                }

                if (!CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out var value, out var quoted, out var error))
                {
                    return $"column {columns[i].Name}: {error}";
                }

                if (needed[i] && !_batch.TryAppend(i, value, quoted))
                {
                    return FieldParser.NotATypeReason(columns[i].Name, value, columns[i].Type);
                }
            }
        }

        if (_batch.Commit())
        {
            Flush();
        }

        return null;
    }

    /// <inheritdoc/>
    public void Flush()
    {
        if (_batch.Count > 0)
        {
            _sink.AcceptBatch(_batch);
            _batch.Clear();
        }
    }

    /// <summary>
    /// The common case: parses the needed fields of a record into the batch and checks the other quoted fields.
    /// False at the first problem, and then the record goes through the general loop, which names it.
    /// </summary>
    private bool TryAppend(ReadOnlySpan<byte> record, ReadOnlySpan<CsvField> fields)
    {
        foreach (var i in _columns.NeededOrdinals)
        {
            var field = fields[i];
            scoped var value = record[field.Start..field.End];
            var quoted = false;
            if (field.HasQuote && !CsvTokenizer.TryGetValue(value, hasQuote: true, ref _scratch, out value, out quoted, out _))
            {
                return false;
            }

            if (!_batch.TryAppend(i, value, quoted))
            {
                return false;
            }
        }

        var needed = _columns.Needed;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.HasQuote && !needed[i] && !CsvTokenizer.TryGetValue(record[field.Start..field.End], hasQuote: true, ref _scratch, out _, out _, out _))
            {
                return false;
            }
        }

        return true;
    }
}
