using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Frames JSON Lines and text records, which end at every '\n' (a CR before it is dropped), validates UTF-8 and
/// parses each line into the row of a <see cref="RowDelivery"/>: a JSON object's needed fields, or the whole line
/// as the text column. Blank lines are skipped in JSON Lines; in text they are records with an empty line.
/// </summary>
internal sealed class LineRecordFramer : RecordFramer
{
    private RowDelivery _rows;
    private readonly JsonLineParser? _json;
    private readonly bool _needed;
    private bool _sawContent;

    /// <param name="options">The range, the record limit and the format.</param>
    /// <param name="columns">The columns to fill.</param>
    /// <param name="rows">Where records go.</param>
    /// <param name="progress">Where delivered records are counted.</param>
    /// <param name="bad">Where bad records go.</param>
    public LineRecordFramer(ScanOptions options, ScanColumns columns, RowDelivery rows, ScanProgress progress, BadRecordLog bad)
        : base(options, progress, bad)
    {
        _rows = rows;
        _json = options.Format == DataFormat.Jsonl ? new JsonLineParser(columns.Schema, columns.Needed, columns.Caches) : null;
        _needed = options.Format == DataFormat.Text && columns.Needed[0];
    }

    /// <inheritdoc/>
    public override bool TracksQuotes => false;

    /// <inheritdoc/>
    public override string EmptyBlobReason => _sawContent ? "the blob has no records" : "the blob is empty";

    /// <inheritdoc/>
    public override int FindRecordEnd(ReadOnlySpan<byte> data, ref QuoteState state) => data.IndexOf((byte)'\n') + 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected override int Record(ReadOnlySpan<byte> span, long abs, bool isFinal)
    {
        var newline = span.IndexOf((byte)'\n');
        int recordLength;
        int contentLength;
        if (newline < 0)
        {
            if (!isFinal)
            {
                return span.Length >= MaxRecord + 2L ? -1 : 0;
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

        Progress.Mark(abs, recordLength);
        _sawContent = true;
        if (contentLength > MaxRecord)
        {
            Bad.Bad(abs, TooLongReason());
            return recordLength;
        }

        var line = span[..contentLength];
        if (_json is not null && line.Trim(" \t\r"u8).IsEmpty)
        {
            return recordLength;
        }

        if (!Utf8.IsValid(line))
        {
            Bad.Bad(abs, "invalid UTF-8");
            return recordLength;
        }

        if (_json is not null)
        {
            if (!_json.TryParse(line, _rows.Row, out var error))
            {
                Bad.Bad(abs, error!);
                return recordLength;
            }
        }
        else if (_needed)
        {
            _rows.Row[0] = SqlValue.FromText(Encoding.UTF8.GetString(line));
        }

        Progress.Records++;
        _rows.Deliver();
        return recordLength;
    }
}
