namespace OrleansProc.Engine.Io;

/// <summary>
/// The part of a scan that knows a format: where records end, what their fields are, which are bad, and how they
/// reach the <see cref="IRecordDelivery"/>. One per format: <see cref="CsvRecordFramer{TDelivery}"/> (records end at a
/// '\n' outside quotes) and <see cref="LineRecordFramer"/> (JSON Lines and text: records end at every '\n').
/// </summary>
/// <remarks>
/// The scan calls it once per filled window (<see cref="FrameRecords"/>, <see cref="OnRead"/>), never per byte or
/// per record. The record loop (<see cref="FrameRecords"/>) is this class's, one for every format; it makes one
/// call per record to the framer's <see cref="Record"/>.
/// </remarks>
internal abstract class RecordFramer
{
    /// <param name="options">The range and the record limit.</param>
    /// <param name="progress">Where delivered records are counted.</param>
    /// <param name="bad">Where bad records go.</param>
    protected RecordFramer(ScanOptions options, ScanProgress progress, BadRecordLog bad)
    {
        RangeEnd = options.RangeEnd;
        MaxRecord = options.MaxRecordBytes;
        Progress = progress;
        Bad = bad;
    }

    /// <summary>Whether records can hold a '\n' inside quotes, so a range's start state matters and its quotes are counted.</summary>
    public abstract bool TracksQuotes { get; }

    /// <summary>The quotes read within the range (CSV only).</summary>
    public virtual long QuoteCount => 0;

    /// <summary>What the range does to the quote state, for each state at its start (CSV only; see <see cref="QuoteParity"/>).</summary>
    public virtual QuoteTransfer? QuoteTransfer => null;

    /// <summary>Why a whole blob without any record is bad.</summary>
    public abstract string EmptyBlobReason { get; }

    /// <summary>The end of the range: a record starting here or later belongs to the next range.</summary>
    protected long RangeEnd { get; }

    /// <summary>The longest record, without its line end.</summary>
    protected int MaxRecord { get; }

    /// <summary>Where delivered records are counted.</summary>
    protected ScanProgress Progress { get; }

    /// <summary>Where bad records go.</summary>
    protected BadRecordLog Bad { get; }

    /// <summary>Sees <paramref name="data"/> (starting at <paramref name="abs"/>) as it is read from the stream.</summary>
    public virtual void OnRead(ReadOnlySpan<byte> data, long abs)
    {
    }

    /// <summary>
    /// Called once when the input has ended (at <paramref name="abs"/>) and every byte of it was framed: a format
    /// whose input must end with a closing token (a JSON array's ']') reports a missing one as a bad record.
    /// </summary>
    public virtual void OnEnd(long abs)
    {
    }

    /// <summary>
    /// The state just after <paramref name="before"/>, the byte before a range that starts mid-blob, when the range
    /// is assumed to start in <paramref name="assumed"/>.
    /// </summary>
    public virtual QuoteState StateBeforeRange(byte before, RangeStartState assumed) => QuoteState.FieldStart;

    /// <summary>
    /// The length up to and including the '\n' that ends the record in which <paramref name="data"/> starts
    /// (<paramref name="state"/> is the quote state at its start, and at its end when none is found); 0 or less when none.
    /// </summary>
    public abstract int FindRecordEnd(ReadOnlySpan<byte> data, ref QuoteState state);

    /// <summary>Frames, checks and delivers the records of <paramref name="window"/>, from its start, until one of <see cref="FramingStop"/>.</summary>
    public FramingStop FrameRecords(ScanWindow window)
    {
        var buffer = window.Buffer;
        var rangeEnd = RangeEnd;
        while (true)
        {
            var start = window.Start;
            var available = window.End - start;
            if (available == 0)
            {
                return FramingStop.Empty;
            }

            var abs = window.BufferAbs + start;
            if (abs >= rangeEnd)
            {
                return FramingStop.RangeEnd;
            }

            var consumed = Record(buffer.AsSpan(start, available), abs, window.Eof);
            if (consumed <= 0)
            {
                return consumed == 0 ? FramingStop.NeedMore : TooLong(abs);
            }

            window.Start = start + consumed;
        }
    }

    /// <summary>
    /// Reads one record at the start of <paramref name="span"/> (at <paramref name="abs"/>; <paramref name="isFinal"/>
    /// when no more input follows): the bytes consumed, 0 when more input is needed, -1 when it is too long.
    /// </summary>
    protected abstract int Record(ReadOnlySpan<byte> span, long abs, bool isFinal);

    /// <summary>Reports the record at <paramref name="abs"/> as too long; its bytes are then skipped.</summary>
    protected FramingStop TooLong(long abs)
    {
        Bad.Bad(abs, TooLongReason());
        Progress.Mark(abs, 0);
        return FramingStop.TooLong;
    }

    /// <summary>The reason of a record longer than <see cref="MaxRecord"/>.</summary>
    protected string TooLongReason() => $"the record is longer than {MaxRecord} bytes";
}
