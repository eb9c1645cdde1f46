namespace OrleansProc.Engine.Io;

/// <summary>
/// Computes a range's <see cref="QuoteTransfer"/> (lenient quotes) from the bytes read, whatever state the range's
/// own scan assumed: it follows the quote state from each of the three <see cref="RangeStartState"/>s at once,
/// jumping from quote to quote with a vectorized search.
/// </summary>
/// <remarks>
/// Between two quotes the state is known without looking at every byte: inside quotes it stays inside; outside it is
/// <see cref="QuoteState.FieldStart"/> when the last byte before the quote is the delimiter or a line feed, else
/// <see cref="QuoteState.InUnquotedField"/> (a closing quote followed by a byte leaves the field unquoted). So each
/// quote costs a few steps per start state and the bytes between quotes are only searched. The rules are those of
/// <see cref="CsvTokenizer"/>: a quote opens a quoted field at a field start or right after a closing quote (a doubled
/// quote), is text elsewhere outside quotes, and ends a quoted field inside them. The UTF-8 BOM at the start of a blob
/// is skipped, as the scan does.
/// </remarks>
internal sealed class QuoteTransferTracker
{
    private static readonly byte[] s_bom = [0xEF, 0xBB, 0xBF];

    private readonly long _rangeStart;
    private readonly long _rangeEnd;
    private readonly byte _delimiter;
    private readonly QuoteState[] _paths = new QuoteState[3];
    private bool _started;
    private long _consumedTo;
    private long _seenTo;
    private byte _lastByte;
    private int _bomMatched;

    public QuoteTransferTracker(long rangeStart, long rangeEnd, byte delimiter)
    {
        _rangeStart = rangeStart;
        _rangeEnd = rangeEnd;
        _delimiter = delimiter;
    }

    /// <summary>The range's transfer, from the bytes seen so far (all of the range once the scan read to its end).</summary>
    public QuoteTransfer Transfer
    {
        get
        {
            if (!_started)
            {
                return QuoteTransfer.Identity;
            }

            Span<RangeStartState> ends = stackalloc RangeStartState[3];
            for (var i = 0; i < 3; i++)
            {
                var state = _paths[i];
                if (_seenTo > _consumedTo && state != QuoteState.InsideQuotes)
                {
                    state = Settle(_seenTo, _lastByte);
                }

                ends[i] = state switch
                {
                    QuoteState.InsideQuotes => RangeStartState.InsideQuotes,
                    QuoteState.InUnquotedField when _lastByte == '"' => RangeStartState.InUnquotedField,
                    _ => RangeStartState.Outside,
                };
            }

            return QuoteTransfer.Of(ends[0], ends[1], ends[2]);
        }
    }

    /// <summary>Sees <paramref name="data"/>, read from the stream at <paramref name="abs"/> (in order, without gaps).</summary>
    public void OnRead(ReadOnlySpan<byte> data, long abs)
    {
        if (!_started)
        {
            Start(data, abs);
        }

        if (_rangeStart == 0 && _bomMatched is >= 0 and < 3)
        {
            MatchBom(data, abs);
        }

        var lo = Math.Max(abs, _consumedTo);
        var hi = Math.Min(abs + data.Length, _rangeEnd);
        if (lo >= hi)
        {
            return;
        }

        var span = data.Slice((int)(lo - abs), (int)(hi - lo));
        var i = 0;
        int rel;
        while ((rel = span[i..].IndexOf((byte)'"')) >= 0)
        {
            var q = i + rel;
            var quoteAbs = lo + q;
            if (quoteAbs > _consumedTo)
            {
                var outside = Settle(quoteAbs, q > 0 ? span[q - 1] : _lastByte);
                for (var p = 0; p < 3; p++)
                {
                    if (_paths[p] != QuoteState.InsideQuotes)
                    {
                        _paths[p] = outside;
                    }
                }
            }

            for (var p = 0; p < 3; p++)
            {
                _paths[p] = _paths[p] switch
                {
                    QuoteState.InsideQuotes => QuoteState.AfterClosingQuote,
                    QuoteState.InUnquotedField => QuoteState.InUnquotedField,
                    _ => QuoteState.InsideQuotes,
                };
            }

            _consumedTo = quoteAbs + 1;
            i = q + 1;
        }

        _lastByte = span[^1];
        _seenTo = hi;
    }

    private void Start(ReadOnlySpan<byte> data, long abs)
    {
        _started = true;
        _consumedTo = _rangeStart;
        _seenTo = _rangeStart;
        if (_rangeStart == 0)
        {
            _lastByte = (byte)'\n';
            _paths[0] = QuoteState.FieldStart;
        }
        else
        {
            // The stream starts at the byte before the range, so the first read holds it.
            _lastByte = data[(int)(_rangeStart - 1 - abs)];
            _paths[0] = _lastByte == '"' ? QuoteState.AfterClosingQuote : Settle(_rangeStart, _lastByte);
        }

        _paths[1] = QuoteState.InsideQuotes;
        _paths[2] = QuoteState.InUnquotedField;
    }

    /// <summary>The state outside quotes just before <paramref name="abs"/>, after a byte that is not a quote, <paramref name="before"/>.</summary>
    private QuoteState Settle(long abs, byte before) =>
        before == _delimiter || before == '\n' || (abs == 3 && _bomMatched == 3)
            ? QuoteState.FieldStart
            : QuoteState.InUnquotedField;

    private void MatchBom(ReadOnlySpan<byte> data, long abs)
    {
        for (var k = 0; k < data.Length && abs + k < 3; k++)
        {
            if (abs + k != _bomMatched || data[k] != s_bom[_bomMatched])
            {
                _bomMatched = -1;
                return;
            }

            _bomMatched++;
        }
    }
}
