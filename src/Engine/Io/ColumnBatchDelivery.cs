using OrleansProc.Engine.Io.Filters;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Delivers CSV records as typed column batches: parses the needed fields straight into the sink's
/// <see cref="ColumnBatch"/> and hands it to <see cref="IColumnBatchSink.AcceptBatch"/> whenever it is full and on
/// <see cref="Flush"/>. No row and no string per VARCHAR value. The batch's filters run first, on the bytes of their
/// fields, and only the records that pass them have their other fields parsed (and are added).
/// </summary>
internal struct ColumnBatchDelivery : IRecordDelivery
{
    private readonly IColumnBatchSink _sink;
    private readonly ColumnBatch _batch;
    private readonly ScanColumns _columns;
    private byte[] _scratch = new byte[256];

    /// <param name="sink">Where the batches go.</param>
    /// <param name="batch">The sink's batch, holding or filtering on every needed column.</param>
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
        if (!TryAppend(record, fields, out var passes))
        {
            // The general loop names the problem, or appends the record after all.
            var columns = _columns.Schema.Columns;
            passes = true;
            foreach (var filter in _batch.Filters)
            {
                var field = fields[filter.Column];
                if (!CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out var value, out var quoted, out var error))
                {
                    return $"column {columns[filter.Column].Name}: {error}";
                }

                if (!Passes(filter, value, quoted))
                {
                    passes = false;
                    break;
                }
            }

            var held = _batch.Columns;
            for (var i = 0; i < fields.Length; i++)
            {
                var field = fields[i];
                var parse = passes && held[i];
                if (!field.HasQuote && !parse)
                {
                    continue;
                }

                if (!CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out var value, out var quoted, out var error))
                {
                    return $"column {columns[i].Name}: {error}";
                }

                if (parse && !_batch.TryAppend(i, value, quoted))
                {
                    return FieldParser.NotATypeReason(columns[i].Name, value, columns[i].Type);
                }
            }
        }

        if (passes && _batch.Commit())
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
    /// The common case: tests the filters on their fields' bytes, then parses the held fields of a record that passes
    /// into the batch (<paramref name="passes"/> false for one that does not, which is not added) and checks the other
    /// quoted fields. False at the first problem, and then the record goes through the general loop, which names it.
    /// </summary>
    private bool TryAppend(ReadOnlySpan<byte> record, ReadOnlySpan<CsvField> fields, out bool passes)
    {
        passes = true;
        foreach (var filter in _batch.Filters)
        {
            var field = fields[filter.Column];
            scoped var value = record[field.Start..field.End];
            var quoted = false;
            if (field.HasQuote && !CsvTokenizer.TryGetValue(value, hasQuote: true, ref _scratch, out value, out quoted, out _))
            {
                return false;
            }

            if (!Passes(filter, value, quoted))
            {
                passes = false;
                break;
            }
        }

        if (passes)
        {
            foreach (var i in _batch.HeldOrdinals)
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
        }

        // The quoted fields not parsed above must still be well formed (the filtered ones are checked again: rare).
        var held = _batch.Columns;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.HasQuote && !(passes && held[i]) && !CsvTokenizer.TryGetValue(record[field.Start..field.End], hasQuote: true, ref _scratch, out _, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a field's value passes a filter: never when it is NULL (empty and not quoted).</summary>
    private static bool Passes(Utf8FieldFilter filter, ReadOnlySpan<byte> value, bool quoted) =>
        (quoted || !value.IsEmpty) && filter.Passes(value);
}
