using System.Runtime.CompilerServices;
using System.Text.Unicode;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Frames the records of a blob that holds one JSON array of objects (<see cref="DataFormat.JsonArray"/>): each
/// element is a record, found by <see cref="JsonNestingScan"/> and parsed by <see cref="JsonLineParser"/> as a JSON
/// Lines record is, straight from the scan's buffer (the array is never held whole). White space between elements
/// may hold line breaks; an element may span lines.
/// </summary>
/// <remarks>
/// A blob of this format is always scanned whole (see <see cref="DataFormats.CanCutRanges"/>). An element that is
/// not an object, a missing ',' or ']', data after the array, and an array cut short are bad records at the byte
/// where they are found; the rest of the blob after one of them is skipped, since no element boundary can be
/// trusted after it. An element with a bad value or malformed JSON inside balanced brackets is a bad record alone.
/// </remarks>
internal sealed class JsonArrayRecordFramer : RecordFramer
{
    private readonly RowDelivery _rows;
    private readonly JsonLineParser _json;
    private Expect _expect;
    private bool _sawContent;
    private long _elements;
    private long _elementAbs = -1;
    private int _elementScanned;
    private JsonNestingScan _element;
    private JsonNestingScan _discard;

    /// <param name="options">The whole blob, the record limit and the format.</param>
    /// <param name="columns">The columns to fill.</param>
    /// <param name="rows">Where records go.</param>
    /// <param name="progress">Where delivered records are counted.</param>
    /// <param name="bad">Where bad records go.</param>
    public JsonArrayRecordFramer(ScanOptions options, ScanColumns columns, RowDelivery rows, ScanProgress progress, BadRecordLog bad)
        : base(options, progress, bad)
    {
        if (options.RangeStart != 0 || options.RangeEnd != long.MaxValue)
        {
            throw new ArgumentException("A JSON array blob is scanned whole, never as a byte range.", nameof(options));
        }

        _rows = rows;
        _json = new JsonLineParser(columns.Schema, columns.Needed, columns.Caches);
    }

    private enum Expect
    {
        Open,
        FirstElement,
        Element,
        CommaOrClose,
        End,
        Failed,
    }

    /// <inheritdoc/>
    public override bool TracksQuotes => false;

    /// <inheritdoc/>
    public override string EmptyBlobReason => _sawContent ? "the JSON array has no records" : "the blob is empty";

    /// <summary>Skips the rest of an element that is too long: the length through its closing '}', 0 when it goes on.</summary>
    public override int FindRecordEnd(ReadOnlySpan<byte> data, ref QuoteState state)
    {
        var end = _discard.Scan(data);
        return end < 0 ? 0 : end;
    }

    /// <inheritdoc/>
    public override void OnEnd(long abs)
    {
        if (_expect is Expect.FirstElement or Expect.Element or Expect.CommaOrClose)
        {
            Fail(abs, $"the JSON array is cut short: the input ends after {_elements} elements, before the closing ']'");
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected override int Record(ReadOnlySpan<byte> span, long abs, bool isFinal)
    {
        if (_expect == Expect.Failed)
        {
            return span.Length;
        }

        var content = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (content != 0)
        {
            return content < 0 ? span.Length : content;
        }

        var b = span[0];
        switch (_expect)
        {
            case Expect.Open:
                _sawContent = true;
                if (b != '[')
                {
                    return Fail(abs, $"not a JSON array: the input starts with {Describe(b)}, not '['", span.Length);
                }

                _expect = Expect.FirstElement;
                return 1;
            case Expect.FirstElement when b == ']':
            case Expect.CommaOrClose when b == ']':
                _expect = Expect.End;
                return 1;
            case Expect.CommaOrClose when b == ',':
                _expect = Expect.Element;
                return 1;
            case Expect.CommaOrClose:
                return Fail(abs, $"expected ',' or ']' after element {_elements} of the JSON array, found {Describe(b)}", span.Length);
            case Expect.End:
                return Fail(abs, $"unexpected data after the JSON array: {Describe(b)}", span.Length);
            default:
                return Element(span, abs, isFinal);
        }
    }

    private int Element(ReadOnlySpan<byte> span, long abs, bool isFinal)
    {
        if (span[0] != '{')
        {
            return Fail(abs, $"element {_elements + 1} of the JSON array is not an object: it starts with {Describe(span[0])}", span.Length);
        }

        if (_elementAbs != abs)
        {
            _elementAbs = abs;
            _elementScanned = 0;
            _element = default;
        }

        var end = _element.Scan(span[_elementScanned..]);
        if (end < 0)
        {
            _elementScanned = span.Length;
            if (isFinal)
            {
                return Fail(abs, $"the JSON array is cut short: element {_elements + 1} is not closed", span.Length);
            }

            if (span.Length <= MaxRecord)
            {
                return 0;
            }

            // Too long: the scan reports it and skips the rest through FindRecordEnd, from the element's start.
            _elements++;
            _elementAbs = -1;
            _discard = default;
            _expect = Expect.CommaOrClose;
            return -1;
        }

        var length = _elementScanned + end;
        _elements++;
        _elementAbs = -1;
        _expect = Expect.CommaOrClose;
        Progress.Mark(abs, length);
        if (length > MaxRecord)
        {
            Bad.Bad(abs, TooLongReason());
            return length;
        }

        var record = span[..length];
        if (!Utf8.IsValid(record))
        {
            Bad.Bad(abs, "invalid UTF-8");
            return length;
        }

        if (!_json.TryParse(record, _rows.Row, out var error))
        {
            Bad.Bad(abs, error!);
            return length;
        }

        Progress.Records++;
        _rows.Deliver();
        return length;
    }

    /// <summary>Reports a break in the array's structure at <paramref name="abs"/>; the rest of the input is skipped.</summary>
    private int Fail(long abs, string reason, int consumed = 0)
    {
        _expect = Expect.Failed;
        Progress.Mark(abs, consumed);
        Bad.Bad(abs, reason);
        return consumed;
    }

    private static string Describe(byte b) => b is >= 0x21 and < 0x7F ? $"'{(char)b}'" : $"byte 0x{b:X2}";
}
