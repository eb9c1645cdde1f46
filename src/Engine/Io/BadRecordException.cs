namespace OrleansProc.Engine.Io;

/// <summary>Thrown by a reader for a bad record when bad records are not skipped.</summary>
public sealed class BadRecordException : Exception
{
    public BadRecordException(BadRecord record)
        : base(record.ToString())
    {
        Record = record;
    }

    public BadRecordException()
        : this(new BadRecord("?", 0, null, "bad record"))
    {
    }

    public BadRecordException(string message)
        : this(new BadRecord("?", 0, null, message))
    {
    }

    public BadRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
        Record = new BadRecord("?", 0, null, message);
    }

    public BadRecord Record { get; }

    /// <summary>
    /// For a CSV range that started mid-blob (RangeStart &gt; 0): the number of '"' bytes in [RangeStart, RangeEnd),
    /// counted to the end of the range even though the scan stopped, so the caller can check the range's
    /// <see cref="ScanOptions.StartsInsideQuotes"/> guess before trusting the error (see <see cref="QuoteParity"/>).
    /// Null otherwise.
    /// </summary>
    public long? QuoteCount { get; init; }

    /// <summary>With <see cref="QuoteCount"/>: what the range does to the quote state, read to the end of the range.</summary>
    public QuoteTransfer? QuoteTransfer { get; init; }
}
