using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>
/// One scan of one slice, coordinating its parts: the <see cref="ScanWindow"/> filled by async reads, the format's
/// <see cref="RecordFramer"/> that frames and checks the window's records synchronously, the
/// <see cref="IRecordDelivery"/> chosen once for the sink, and the <see cref="BadRecordLog"/>,
/// <see cref="LineTracker"/> and <see cref="ScanProgress"/>. The session itself skips the BOM, seeks the first
/// record of a range, skips the rest of a record that is too long, and ends the scan. See
/// <see cref="RecordScanner"/> for the rules.
/// </summary>
internal sealed class RecordScanSession
{
    /// <summary>The default size of the first buffer (1 MiB).</summary>
    public const int DefaultBufferSize = 1 << 20;

    private readonly ScanOptions _options;
    private readonly ScanWindow _window;
    private readonly RecordFramer _framer;
    private readonly IRecordDelivery _delivery;
    private readonly LineTracker _lines;
    private readonly BadRecordLog _bad;
    private readonly ScanProgress _progress = new();
    private Phase _phase;
    private bool _seekStarted;
    private QuoteState _seekState;
    private bool _discarding;
    private QuoteState _discardState;
    private bool _bomChecked;

    /// <param name="options">What to read.</param>
    /// <param name="sink">Where the records go.</param>
    /// <param name="initialBufferSize">The first buffer's size; tests make it tiny to put records across buffer ends.</param>
    public RecordScanSession(ScanOptions options, IRowSink sink, int initialBufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBufferSize, 4);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        _options = options;
        var schema = options.Schema;
        if (options.NeededColumns.Count != schema.Count)
        {
            throw new ArgumentException(
                $"NeededColumns has {options.NeededColumns.Count} flags but the schema has {schema.Count} columns.", nameof(options));
        }

        if (options.RangeStart < 0 || options.RangeEnd < options.RangeStart)
        {
            throw new ArgumentException($"Invalid range [{options.RangeStart}, {options.RangeEnd}).", nameof(options));
        }

        if (options.MaxRecordBytes <= 0 || options.MaxRecordBytes > Array.MaxLength - 16)
        {
            throw new ArgumentException("MaxRecordBytes must be positive.", nameof(options));
        }

        if (options.Format == DataFormat.Text && schema.Count != 1)
        {
            throw new ArgumentException("A text dataset has exactly one column (line).", nameof(options));
        }

        var columns = new ScanColumns(options);
        var choice = RecordDeliveryFactory.Create(options, sink, columns);
        _delivery = choice.Delivery;
        DeliveryReason = choice.Reason;
        _window = new ScanWindow(initialBufferSize, options.RangeStart > 0 ? options.RangeStart - 1 : 0, options.MaxRecordBytes);
        _lines = new LineTracker(_window, enabled: options.RangeStart == 0);
        _bad = new BadRecordLog(options, _lines, _delivery);
        _framer = (choice.Delivery, options.Format) switch
        {
            (ColumnBatchDelivery batch, _) => new CsvRecordFramer<ColumnBatchDelivery>(options, columns, batch, _progress, _bad),
            (Utf8ColumnDelivery utf8, _) => new CsvRecordFramer<Utf8ColumnDelivery>(options, columns, utf8, _progress, _bad),
            (RowDelivery rows, DataFormat.Csv) => new CsvRecordFramer<RowDelivery>(options, columns, rows, _progress, _bad),
            (RowDelivery rows, DataFormat.JsonArray) => new JsonArrayRecordFramer(options, columns, rows, _progress, _bad),
            (RowDelivery rows, _) => new LineRecordFramer(options, columns, rows, _progress, _bad),
            _ => throw new InvalidOperationException($"No framer for {choice.Delivery.GetType().Name}."),
        };
        _phase = options.RangeStart > 0 ? Phase.Seek : Phase.Records;
    }

    private enum Phase
    {
        Seek,
        Records,
        Done,
    }

    /// <summary>How records reach the sink, and why (see <see cref="RecordDeliveryFactory"/>).</summary>
    public string DeliveryReason { get; }

    public async Task<ScanResult> RunAsync(Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        _window.Open();
        try
        {
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await FillAsync(input, cancellationToken).ConfigureAwait(false);
                    if (Process() || _window.Eof)
                    {
                        break;
                    }

                    _lines.BeforeShift();
                    _window.MakeRoom();
                }
            }
            catch (BadRecordException ex) when (_framer.TracksQuotes && _options.RangeStart > 0)
            {
                // The start state of this range is a guess; the caller needs the range's quote count to check it.
                await DrainQuotesAsync(input, cancellationToken).ConfigureAwait(false);
                throw new BadRecordException(ex.Record) { QuoteCount = _framer.QuoteCount, QuoteTransfer = _framer.QuoteTransfer };
            }

            if (_window.Eof && _phase != Phase.Done)
            {
                _framer.OnEnd(_window.BufferAbs + _window.End);
            }

            _delivery.Flush();
            CheckEmptyBlob();
            return new ScanResult(_progress.Records, _progress.BytesScanned, _framer.QuoteCount, _bad.Count, _bad.Samples) { QuoteTransfer = _framer.QuoteTransfer };
        }
        finally
        {
            _window.Close();
        }
    }

    private async Task FillAsync(Stream input, CancellationToken cancellationToken)
    {
        while (!_window.IsFull && !_window.Eof)
        {
            var offset = _window.End;
            var n = await _window.ReadAsync(input, cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                _framer.OnRead(_window.Buffer.AsSpan(offset, n), _window.BufferAbs + offset);
            }
        }
    }

    private async Task DrainQuotesAsync(Stream input, CancellationToken cancellationToken)
    {
        while (!_window.Eof && _window.StreamAbs < _options.RangeEnd)
        {
            var n = await _window.ReadOverAsync(input, cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                _framer.OnRead(_window.Buffer.AsSpan(0, n), _window.BufferAbs);
            }
        }
    }

    /// <summary>Processes what the window holds. True when the scan is over.</summary>
    private bool Process()
    {
        if (!_bomChecked)
        {
            if (_options.RangeStart == 0)
            {
                if (_window.End < 3 && !_window.Eof)
                {
                    return false;
                }

                if (_window.Unread.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    _window.Start = 3;
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
                return _window.Eof;
            }

            switch (_framer.FrameRecords(_window))
            {
                case FramingStop.Empty:
                    return _window.Eof;
                case FramingStop.NeedMore:
                    return false;
                case FramingStop.RangeEnd:
                    _phase = Phase.Done;
                    return true;
                default:
                    _discarding = true;
                    _discardState = QuoteState.FieldStart;
                    break;
            }
        }
    }

    /// <summary>Finds the first record start at or after RangeStart. False when more input is needed.</summary>
    private bool Seek()
    {
        var window = _window;
        if (!_seekStarted)
        {
            if (window.End == window.Start)
            {
                if (window.Eof)
                {
                    _phase = Phase.Done;
                    return true;
                }

                return false;
            }

            _seekStarted = true;
            var before = window.Buffer[window.Start++];
            _seekState = _framer.StateBeforeRange(before, _options.StartState);
            if (before == '\n' && _seekState != QuoteState.InsideQuotes)
            {
                _phase = Phase.Records;
                return true;
            }
        }

        var limit = (int)Math.Min(window.End, _options.RangeEnd - window.BufferAbs);
        if (window.Start < limit)
        {
            var next = _framer.FindRecordEnd(window.Buffer.AsSpan(window.Start, limit - window.Start), ref _seekState);
            if (next > 0)
            {
                window.Start += next;
                _phase = Phase.Records;
                return true;
            }

            window.Start = limit;
        }

        if (window.Eof || window.BufferAbs + window.Start >= _options.RangeEnd)
        {
            _phase = Phase.Done;
            return true;
        }

        return false;
    }

    /// <summary>Skips the rest of a record that is too long. False when the window ends before the record does.</summary>
    private bool Discard()
    {
        var window = _window;
        var next = _framer.FindRecordEnd(window.Unread, ref _discardState);
        if (next > 0)
        {
            window.Start += next;
            _discarding = false;
            _progress.ExtendTo(window.BufferAbs + window.Start);
            return true;
        }

        window.Start = window.End;
        _progress.ExtendTo(window.BufferAbs + window.Start);
        return false;
    }

    private void CheckEmptyBlob()
    {
        if (_options.RangeStart != 0 || _options.RangeEnd != long.MaxValue || _progress.Records > 0 || _bad.Count > 0)
        {
            return;
        }

        _bad.Report(new BadRecord(_options.SourceName, 0, 1, _framer.EmptyBlobReason));
    }
}
