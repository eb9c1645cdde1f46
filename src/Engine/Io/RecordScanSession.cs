using System.Buffers;
using System.Text;
using System.Text.Unicode;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>
/// The state of one scan of one slice: a pooled buffer filled by async reads and processed synchronously, record
/// by record. See <see cref="RecordScanner"/> for the rules.
/// </summary>
internal sealed class RecordScanSession
{
    /// <summary>The default size of the first buffer (1 MiB).</summary>
    public const int DefaultBufferSize = 1 << 20;

    private readonly ScanOptions _options;
    private readonly IRowSink _sink;
    private readonly TableSchema _schema;
    private readonly bool[] _needed;
    private readonly int[] _neededColumns;
    private readonly SqlValue[] _row;
    private readonly StringCache?[] _caches;
    private readonly JsonLineParser? _json;
    private readonly List<BadRecord> _samples = [];
    private readonly bool _csv;
    private readonly bool _trackLines;
    private readonly int _maxRecord;
    private readonly int _initialBufferSize;

    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private long _bufferAbs;
    private long _streamAbs;
    private bool _eof;
    private Phase _phase;
    private bool _seekStarted;
    private bool _seekInQuotes;
    private bool _discarding;
    private bool _discardInQuotes;
    private bool _bomChecked;
    private bool _sawHeader;
    private bool _sawContent;
    private long _records;
    private long _badRecords;
    private long _quoteCount;
    private long _firstRecordAbs = -1;
    private long _lastRecordEndAbs;
    private long _linesBeforeBuffer;
    private int _lineCacheOffset;
    private long _lineCacheLines;
    private CsvField[] _fields = new CsvField[16];
    private byte[] _scratch = new byte[256];
    private long _validUtf8EndAbs;
    private long _perRecordUtf8EndAbs;
    private readonly IUtf8ColumnSink? _utf8Sink;
    private readonly int _utf8Column = -1;
    private readonly IColumnBatchSink? _batchSink;
    private readonly ColumnBatch? _batch;

    /// <param name="options">What to read.</param>
    /// <param name="sink">Where the records go.</param>
    /// <param name="initialBufferSize">The first buffer's size; tests make it tiny to put records across buffer ends.</param>
    public RecordScanSession(ScanOptions options, IRowSink sink, int initialBufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBufferSize, 4);
        _initialBufferSize = initialBufferSize;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        _options = options;
        _sink = sink;
        _schema = options.Schema;
        if (options.NeededColumns.Count != _schema.Count)
        {
            throw new ArgumentException(
                $"NeededColumns has {options.NeededColumns.Count} flags but the schema has {_schema.Count} columns.", nameof(options));
        }

        if (options.RangeStart < 0 || options.RangeEnd < options.RangeStart)
        {
            throw new ArgumentException($"Invalid range [{options.RangeStart}, {options.RangeEnd}).", nameof(options));
        }

        if (options.MaxRecordBytes <= 0 || options.MaxRecordBytes > Array.MaxLength - 16)
        {
            throw new ArgumentException("MaxRecordBytes must be positive.", nameof(options));
        }

        if (options.Format == DataFormat.Text && _schema.Count != 1)
        {
            throw new ArgumentException("A text dataset has exactly one column (line).", nameof(options));
        }

        _needed = [.. options.NeededColumns];
        _neededColumns = [.. Enumerable.Range(0, _schema.Count).Where(i => _needed[i])];
        _row = new SqlValue[_schema.Count];
        _caches = new StringCache?[_schema.Count];
        for (var i = 0; i < _schema.Count; i++)
        {
            if (_needed[i] && _schema.Columns[i].Type == SqlType.Varchar && options.Format != DataFormat.Text)
            {
                _caches[i] = new StringCache();
            }
        }

        _csv = options.Format == DataFormat.Csv;
        if (_csv && sink is IUtf8ColumnSink utf8Sink && utf8Sink.Utf8Column is var column
            && column >= 0 && column < _schema.Count && _schema.Columns[column].Type == SqlType.Varchar
            && _neededColumns.Length == 1 && _neededColumns[0] == column)
        {
            _utf8Sink = utf8Sink;
            _utf8Column = column;
        }

        if (_csv && _utf8Sink is null && sink is IColumnBatchSink { Batch: { } batch } batchSink
            && batch.Columns.AsSpan().SequenceEqual(_needed))
        {
            _batchSink = batchSink;
            _batch = batch;
        }

        _json = options.Format == DataFormat.Jsonl ? new JsonLineParser(_schema, _needed, _caches) : null;
        _trackLines = options.RangeStart == 0;
        _maxRecord = options.MaxRecordBytes;
        _phase = options.RangeStart > 0 ? Phase.Seek : _csv ? Phase.Header : Phase.Records;
        _bufferAbs = _streamAbs = options.RangeStart > 0 ? options.RangeStart - 1 : 0;
    }

    private enum Phase
    {
        Seek,
        Header,
        Records,
        Done,
    }

    public async Task<ScanResult> RunAsync(Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        _buffer = ArrayPool<byte>.Shared.Rent(_initialBufferSize);
        try
        {
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await FillAsync(input, cancellationToken).ConfigureAwait(false);
                    if (Process() || _eof)
                    {
                        break;
                    }

                    MakeRoom();
                }
            }
            catch (BadRecordException ex) when (_csv && _options.RangeStart > 0)
            {
                // The start state of this range is a guess; the caller needs the range's quote count to check it.
                await DrainQuotesAsync(input, cancellationToken).ConfigureAwait(false);
                throw new BadRecordException(ex.Record) { QuoteCount = _quoteCount };
            }

            FlushBatch();
            CheckEmptyBlob();
            return new ScanResult(
                _records,
                _firstRecordAbs < 0 ? 0 : _lastRecordEndAbs - _firstRecordAbs,
                _quoteCount,
                _badRecords,
                _samples);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    private async Task FillAsync(Stream input, CancellationToken cancellationToken)
    {
        while (_end < _buffer.Length && !_eof)
        {
            var n = await input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _eof = true;
                break;
            }

            CountQuotes(_end, n);
            _end += n;
            _streamAbs += n;
        }
    }

    private async Task DrainQuotesAsync(Stream input, CancellationToken cancellationToken)
    {
        _start = _end = 0;
        while (!_eof && _streamAbs < _options.RangeEnd)
        {
            _bufferAbs = _streamAbs;
            var n = await input.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _eof = true;
                break;
            }

            CountQuotes(0, n);
            _streamAbs += n;
        }
    }

    private void CountQuotes(int offset, int count)
    {
        if (!_csv)
        {
            return;
        }

        var abs = _bufferAbs + offset;
        var lo = Math.Max(abs, _options.RangeStart);
        var hi = Math.Min(abs + count, _options.RangeEnd);
        if (lo < hi)
        {
            _quoteCount += _buffer.AsSpan(offset + (int)(lo - abs), (int)(hi - lo)).Count((byte)'"');
        }
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            if (_trackLines)
            {
                _linesBeforeBuffer += _buffer.AsSpan(0, _start).Count((byte)'\n');
            }

            _lineCacheOffset = 0;
            _lineCacheLines = 0;
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferAbs += _start;
            _end -= _start;
            _start = 0;
        }
        else if (_end == _buffer.Length)
        {
            var size = (int)Math.Min((long)_buffer.Length * 2, Math.Max(_maxRecord + 2L, _buffer.Length));
            if (size <= _buffer.Length)
            {
                throw new InvalidOperationException("The scan buffer cannot grow further.");
            }

            var bigger = ArrayPool<byte>.Shared.Rent(size);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }

    /// <summary>Processes what the buffer holds. True when the scan is over.</summary>
    private bool Process()
    {
        if (!_bomChecked)
        {
            if (_options.RangeStart == 0)
            {
                if (_end < 3 && !_eof)
                {
                    return false;
                }

                if (_buffer.AsSpan(0, _end).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    _start = 3;
                }
            }

            _bomChecked = true;
        }

        while (true)
        {
            if (_phase == Phase.Done)
            {
                return true;
            }

            if (_phase == Phase.Seek)
            {
                if (!Seek())
                {
                    return false;
                }

                continue;
            }

            if (_discarding && !Discard())
            {
                return _eof;
            }

            var available = _end - _start;
            if (available == 0)
            {
                return _eof;
            }

            var abs = _bufferAbs + _start;
            if (abs >= _options.RangeEnd)
            {
                _phase = Phase.Done;
                return true;
            }

            var span = _buffer.AsSpan(_start, available);
            var consumed = _csv ? CsvRecord(span, abs) : LineRecord(span, abs);
            if (consumed == 0 && !_discarding)
            {
                return false;
            }

            _start += consumed;
        }
    }

    /// <summary>Finds the first record start at or after RangeStart. False when more input is needed.</summary>
    private bool Seek()
    {
        if (!_seekStarted)
        {
            if (_end == _start)
            {
                if (_eof)
                {
                    _phase = Phase.Done;
                    return true;
                }

                return false;
            }

            _seekStarted = true;
            _seekInQuotes = _csv && _options.StartsInsideQuotes;
            var before = _buffer[_start++];
            if (before == '\n' && !_seekInQuotes)
            {
                _phase = Phase.Records;
                return true;
            }
        }

        var limit = (int)Math.Min(_end, _options.RangeEnd - _bufferAbs);
        if (_start < limit)
        {
            var span = _buffer.AsSpan(_start, limit - _start);
            var next = _csv ? CsvTokenizer.FindRecordEnd(span, ref _seekInQuotes) : span.IndexOf((byte)'\n') + 1;
            if (next > 0)
            {
                _start += next;
                _phase = Phase.Records;
                return true;
            }

            _start = limit;
        }

        if (_eof || _bufferAbs + _start >= _options.RangeEnd)
        {
            _phase = Phase.Done;
            return true;
        }

        return false;
    }

    /// <summary>Skips the rest of a record that is too long. False when the buffer ends before the record does.</summary>
    private bool Discard()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var next = _csv ? CsvTokenizer.FindRecordEnd(span, ref _discardInQuotes) : span.IndexOf((byte)'\n') + 1;
        if (next > 0)
        {
            _start += next;
            _discarding = false;
            _lastRecordEndAbs = _bufferAbs + _start;
            return true;
        }

        _start = _end;
        _lastRecordEndAbs = _bufferAbs + _start;
        return false;
    }

    private void StartDiscard(long abs)
    {
        Bad(abs, $"the record is longer than {_maxRecord} bytes");
        MarkRecord(abs, 0);
        _discarding = true;
        _discardInQuotes = false;
    }

    /// <summary>
    /// Whether the record of <paramref name="contentLength"/> bytes at the start of <paramref name="span"/> is valid
    /// UTF-8. Validates in one call everything from the record to the last line feed of the buffer (a line feed
    /// never falls inside a multi-byte character) and remembers how far it is valid, so the records after it are not
    /// validated again; when that stretch holds invalid bytes, its records are validated one by one.
    /// </summary>
    private bool IsValidUtf8(ReadOnlySpan<byte> span, long abs, int contentLength)
    {
        if (abs >= _perRecordUtf8EndAbs)
        {
            var last = span.LastIndexOf((byte)'\n');
            if (last >= contentLength)
            {
                if (Utf8Validator.IsValid(span[..(last + 1)]))
                {
                    _validUtf8EndAbs = abs + last + 1;
                    return true;
                }

                _perRecordUtf8EndAbs = abs + last + 1;
            }
        }

        return Utf8Validator.IsValid(span[..contentLength]);
    }

    /// <summary>Reads one CSV record at the start of <paramref name="span"/>; the bytes consumed, 0 when more input is needed.</summary>
    private int CsvRecord(ReadOnlySpan<byte> span, long abs)
    {
        var status = CsvTokenizer.Frame(span, _eof, ref _fields, out var fieldCount, out var contentLength, out var recordLength);
        if (status == FrameStatus.NeedMore)
        {
            if (span.Length >= _maxRecord + 2L)
            {
                StartDiscard(abs);
            }

            return 0;
        }

        MarkRecord(abs, recordLength);
        if (status == FrameStatus.Unterminated)
        {
            Bad(abs, "unterminated quoted field: a quote is not closed before the end of the input");
            return recordLength;
        }

        if (contentLength > _maxRecord)
        {
            Bad(abs, $"the record is longer than {_maxRecord} bytes");
            return recordLength;
        }

        var record = span[..contentLength];
        if (_phase == Phase.Header)
        {
            ReadHeader(record, fieldCount, abs);
            _phase = Phase.Records;
            return recordLength;
        }

        if (contentLength == 0)
        {
            return recordLength;
        }

        if (abs + contentLength > _validUtf8EndAbs && !IsValidUtf8(span, abs, contentLength))
        {
            Bad(abs, "invalid UTF-8");
            return recordLength;
        }

        if (fieldCount != _schema.Count)
        {
            Bad(abs, $"expected {_schema.Count} fields, found {fieldCount}");
            return recordLength;
        }

        if (_batch is not null && TryAppendToBatch(record, fieldCount))
        {
            _records++;
            if (_batch.Commit())
            {
                FlushBatch();
            }

            return recordLength;
        }

        for (var i = 0; i < fieldCount; i++)
        {
            var field = _fields[i];
            if (!field.HasQuote && !_needed[i])
            {
                continue;
            }

            if (!CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out var value, out var quoted, out var error))
            {
                Bad(abs, $"column {_schema.Columns[i].Name}: {error}");
                return recordLength;
            }

            if (i == _utf8Column)
            {
                continue;
            }

            if (_needed[i] && !(_batch is null
                ? FieldParser.TryParse(value, quoted, _schema.Columns[i].Type, _caches[i], out _row[i])
                : _batch.TryAppend(i, value, quoted)))
            {
                Bad(abs, FieldParser.NotATypeReason(_schema.Columns[i].Name, value, _schema.Columns[i].Type));
                return recordLength;
            }
        }

        if (_utf8Sink is not null)
        {
            // The value again: a later quoted field may have reused the scratch buffer. It was valid the first time.
            var field = _fields[_utf8Column];
            CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out var text, out _, out _);
            _records++;
            _utf8Sink.AcceptUtf8(text);
            return recordLength;
        }

        if (_batch is not null)
        {
            _records++;
            if (_batch.Commit())
            {
                FlushBatch();
            }

            return recordLength;
        }

        Emit();
        return recordLength;
    }

    /// <summary>
    /// The batch path's common case: parses the needed fields of a record into the batch and checks the other quoted
    /// fields. False at the first problem, and then the record goes through the general loop, which names it.
    /// </summary>
    private bool TryAppendToBatch(ReadOnlySpan<byte> record, int fieldCount)
    {
        var fields = _fields;
        foreach (var i in _neededColumns)
        {
            var field = fields[i];
            var value = record[field.Start..field.End];
            var quoted = false;
            if (field.HasQuote && !CsvTokenizer.TryGetValue(value, hasQuote: true, ref _scratch, out value, out quoted, out _))
            {
                return false;
            }

            if (!_batch!.TryAppend(i, value, quoted))
            {
                return false;
            }
        }

        for (var i = 0; i < fieldCount; i++)
        {
            var field = fields[i];
            if (field.HasQuote && !_needed[i] && !CsvTokenizer.TryGetValue(record[field.Start..field.End], hasQuote: true, ref _scratch, out _, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    private void FlushBatch()
    {
        if (_batch is { Count: > 0 })
        {
            _batchSink!.AcceptBatch(_batch);
            _batch.Clear();
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> record, int fieldCount, long abs)
    {
        _sawHeader = true;
        if (!Utf8.IsValid(record))
        {
            throw new BadRecordException(new BadRecord(_options.SourceName, abs, 1, "the header is not valid UTF-8"));
        }

        var names = new string[fieldCount];
        var matches = fieldCount == _schema.Count;
        for (var i = 0; i < fieldCount; i++)
        {
            var field = _fields[i];
            if (!CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out var value, out _, out var error))
            {
                throw new BadRecordException(new BadRecord(_options.SourceName, abs, 1, $"the header is malformed: {error}"));
            }

            names[i] = Encoding.UTF8.GetString(value);
            matches &= i < _schema.Count && string.Equals(names[i], _schema.Columns[i].Name, StringComparison.OrdinalIgnoreCase);
        }

        if (!matches)
        {
            throw new BadRecordException(new BadRecord(
                _options.SourceName,
                abs,
                1,
                $"the header ({string.Join(", ", names)}) does not match the schema ({string.Join(", ", _schema.Columns.Select(c => c.Name))})"));
        }
    }

    /// <summary>Reads one JSON Lines or text record; the bytes consumed, 0 when more input is needed.</summary>
    private int LineRecord(ReadOnlySpan<byte> span, long abs)
    {
        var newline = span.IndexOf((byte)'\n');
        int recordLength;
        int contentLength;
        if (newline < 0)
        {
            if (!_eof)
            {
                if (span.Length >= _maxRecord + 2L)
                {
                    StartDiscard(abs);
                }

                return 0;
            }

            recordLength = contentLength = span.Length;
        }
        else
        {
            recordLength = newline + 1;
            contentLength = newline;
        }

        if (contentLength > 0 && span[contentLength - 1] == '\r')
        {
            contentLength--;
        }

        MarkRecord(abs, recordLength);
        _sawContent = true;
        if (contentLength > _maxRecord)
        {
            Bad(abs, $"the record is longer than {_maxRecord} bytes");
            return recordLength;
        }

        var line = span[..contentLength];
        if (_json is not null && line.Trim(" \t\r"u8).IsEmpty)
        {
            return recordLength;
        }

        if (!Utf8.IsValid(line))
        {
            Bad(abs, "invalid UTF-8");
            return recordLength;
        }

        if (_json is not null)
        {
            if (!_json.TryParse(line, _row, out var error))
            {
                Bad(abs, error!);
                return recordLength;
            }
        }
        else if (_needed[0])
        {
            _row[0] = SqlValue.FromText(Encoding.UTF8.GetString(line));
        }

        Emit();
        return recordLength;
    }

    private void MarkRecord(long abs, int length)
    {
        if (_firstRecordAbs < 0)
        {
            _firstRecordAbs = abs;
        }

        _lastRecordEndAbs = abs + length;
    }

    private void Emit()
    {
        _records++;
        _sink.Accept(_row);
    }

    private void CheckEmptyBlob()
    {
        if (_options.RangeStart != 0 || _options.RangeEnd != long.MaxValue || _records > 0 || _badRecords > 0)
        {
            return;
        }

        var reason = _csv
            ? _sawHeader ? "the blob has a header but no records" : "the blob is empty"
            : _sawContent ? "the blob has no records" : "the blob is empty";
        Report(new BadRecord(_options.SourceName, 0, 1, reason));
    }

    private void Bad(long abs, string reason) =>
        Report(new BadRecord(_options.SourceName, abs, _trackLines ? LineAt(abs) : null, reason));

    private void Report(BadRecord record)
    {
        if (!_options.SkipBadRecords)
        {
            // The records before this one reach the sink, as they would row by row.
            FlushBatch();
            throw new BadRecordException(record);
        }

        _badRecords++;
        if (_samples.Count < _options.MaxBadRecordSamples)
        {
            _samples.Add(record);
        }
    }

    /// <summary>The 1-based line of a byte in the buffer (only when the scan started at the blob's start).</summary>
    private long LineAt(long abs)
    {
        var offset = (int)(abs - _bufferAbs);
        if (offset < _lineCacheOffset)
        {
            _lineCacheOffset = 0;
            _lineCacheLines = 0;
        }

        _lineCacheLines += _buffer.AsSpan(_lineCacheOffset, offset - _lineCacheOffset).Count((byte)'\n');
        _lineCacheOffset = offset;
        return _linesBeforeBuffer + _lineCacheLines + 1;
    }
}
