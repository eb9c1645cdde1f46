using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Frames CSV records (<see cref="CsvTokenizer"/>: a record ends at a '\n' after which the quotes since its start
/// are even), checks the header when the range starts at the blob start, validates UTF-8 and the field count, and
/// hands each good record's fields up to the last needed one to the delivery (the later ones are counted and checked
/// by the framing, not split). Counts the quotes read within the range and works out the
/// range's <see cref="QuoteTransfer"/> (from the count with strict quotes, else with a <see cref="QuoteTransferTracker"/>).
/// </summary>
/// <typeparam name="TDelivery">How good records reach the sink; a struct, so the calls per record are direct.</typeparam>
internal sealed class CsvRecordFramer<TDelivery> : RecordFramer
    where TDelivery : struct, IRecordDelivery
{
    private readonly ScanOptions _options;
    private readonly CsvDialect _dialect;
    private readonly QuoteTransferTracker? _tracker;
    private readonly ScanColumns _columns;
    private TDelivery _delivery;
    private readonly long _rangeStart;
    private readonly int _columnCount;
    private readonly int _lastNeeded;
    private CsvField[] _fields = new CsvField[16];
    private byte[] _scratch = new byte[256];
    private bool _headerPending;
    private bool _sawHeader;
    private long _quoteCount;
    private long _validUtf8EndAbs;
    private long _perRecordUtf8EndAbs;

    /// <param name="options">The range, the record limit and the source name.</param>
    /// <param name="columns">The columns the header and the records must have.</param>
    /// <param name="delivery">Where good records go.</param>
    /// <param name="progress">Where delivered records are counted.</param>
    /// <param name="bad">Where bad records go.</param>
    public CsvRecordFramer(ScanOptions options, ScanColumns columns, TDelivery delivery, ScanProgress progress, BadRecordLog bad)
        : base(options, progress, bad)
    {
        _options = options;
        _columns = columns;
        _delivery = delivery;
        _rangeStart = options.RangeStart;
        _columnCount = columns.Schema.Count;
        _lastNeeded = columns.NeededOrdinals.Length > 0 ? columns.NeededOrdinals[^1] : -1;
        _headerPending = options.RangeStart == 0;
        _dialect = CsvDialect.Of(options);
        _tracker = options.StrictQuotes ? null : new QuoteTransferTracker(options.RangeStart, options.RangeEnd, options.Delimiter);
    }

    /// <inheritdoc/>
    public override bool TracksQuotes => true;

    /// <inheritdoc/>
    public override long QuoteCount => _quoteCount;

    /// <inheritdoc/>
    public override QuoteTransfer? QuoteTransfer => _tracker?.Transfer ?? Io.QuoteTransfer.FromQuoteCount(_quoteCount);

    /// <inheritdoc/>
    public override string EmptyBlobReason => _sawHeader ? "the blob has a header but no records" : "the blob is empty";

    /// <inheritdoc/>
    public override void OnRead(ReadOnlySpan<byte> data, long abs)
    {
        var lo = Math.Max(abs, _rangeStart);
        var hi = Math.Min(abs + data.Length, RangeEnd);
        if (lo < hi)
        {
            _quoteCount += data.Slice((int)(lo - abs), (int)(hi - lo)).Count((byte)'"');
        }

        _tracker?.OnRead(data, abs);
    }

    /// <inheritdoc/>
    public override QuoteState StateBeforeRange(byte before, RangeStartState assumed) => assumed switch
    {
        RangeStartState.InsideQuotes => QuoteState.InsideQuotes,
        _ when _dialect.StrictQuotes => QuoteState.FieldStart,
        RangeStartState.InUnquotedField => QuoteState.InUnquotedField,
        _ when before == _dialect.Delimiter || before == '\n' => QuoteState.FieldStart,
        _ when before == '"' => QuoteState.AfterClosingQuote,
        _ => QuoteState.InUnquotedField,
    };

    /// <inheritdoc/>
    public override int FindRecordEnd(ReadOnlySpan<byte> data, ref QuoteState state) => CsvTokenizer.FindRecordEnd(data, _dialect, ref state);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    protected override int Record(ReadOnlySpan<byte> span, long abs, bool isFinal)
    {
        // The header is split whole; a record only up to its last needed field (the rest is counted and checked).
        var status = CsvTokenizer.Frame(span, isFinal, _dialect, _headerPending ? int.MaxValue : _lastNeeded, ref _fields, out var fieldCount, out var splitCount, out var contentLength, out var recordLength);
        if (status == FrameStatus.NeedMore)
        {
            return span.Length >= MaxRecord + 2L ? -1 : 0;
        }

        Progress.Mark(abs, recordLength);
        if (status == FrameStatus.Unterminated)
        {
            Bad.Bad(abs, "unterminated quoted field: a quote is not closed before the end of the input");
            return recordLength;
        }

        if (contentLength > MaxRecord)
        {
            Bad.Bad(abs, TooLongReason());
            return recordLength;
        }

        var record = span[..contentLength];
        if (_headerPending)
        {
            ReadHeader(record, fieldCount, abs);
            _headerPending = false;
            return recordLength;
        }

        if (contentLength == 0)
        {
            return recordLength;
        }

        if (abs + contentLength > _validUtf8EndAbs && !IsValidUtf8(span, abs, contentLength))
        {
            Bad.Bad(abs, "invalid UTF-8");
            return recordLength;
        }

        if (fieldCount != _columnCount)
        {
            Bad.Bad(abs, $"expected {_columnCount} fields, found {fieldCount}");
            return recordLength;
        }

        if (_delivery.DeliverCsv(record, _fields.AsSpan(0, splitCount)) is { } error)
        {
            Bad.Bad(abs, error);
            return recordLength;
        }

        Progress.Records++;
        return recordLength;
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

    private void ReadHeader(ReadOnlySpan<byte> record, int fieldCount, long abs)
    {
        _sawHeader = true;
        if (!Utf8.IsValid(record))
        {
            throw new BadRecordException(new BadRecord(_options.SourceName, abs, 1, "the header is not valid UTF-8"));
        }

        var schema = _columns.Schema;
        var names = new string[fieldCount];
        var matches = fieldCount == schema.Count;
        for (var i = 0; i < fieldCount; i++)
        {
            var field = _fields[i];
            if (!CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref _scratch, out var value, out _, out var error))
            {
                throw new BadRecordException(new BadRecord(_options.SourceName, abs, 1, $"the header is malformed: {error}"));
            }

            names[i] = Encoding.UTF8.GetString(value);
            matches &= i < schema.Count && string.Equals(names[i], schema.Columns[i].Name, StringComparison.OrdinalIgnoreCase);
        }

        if (!matches)
        {
            throw new BadRecordException(new BadRecord(
                _options.SourceName,
                abs,
                1,
                $"the header ({string.Join(", ", names)}) does not match the schema ({string.Join(", ", schema.Columns.Select(c => c.Name))})"));
        }
    }
}
