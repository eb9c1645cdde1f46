namespace OrleansProc.Engine.Io;

/// <summary>
/// What a scan does with a bad record: throws <see cref="BadRecordException"/> (after the records before it reached
/// the sink), or with <see cref="ScanOptions.SkipBadRecords"/> counts it and keeps the first few as samples.
/// </summary>
internal sealed class BadRecordLog
{
    private readonly string _source;
    private readonly bool _skip;
    private readonly int _maxSamples;
    private readonly LineTracker _lines;
    private readonly IRecordDelivery _delivery;
    private readonly List<BadRecord> _samples = [];

    /// <param name="options">The source name and what to do with bad records.</param>
    /// <param name="lines">The lines of the records.</param>
    /// <param name="delivery">Flushed before a bad record is thrown.</param>
    public BadRecordLog(ScanOptions options, LineTracker lines, IRecordDelivery delivery)
    {
        _source = options.SourceName;
        _skip = options.SkipBadRecords;
        _maxSamples = options.MaxBadRecordSamples;
        _lines = lines;
        _delivery = delivery;
    }

    /// <summary>The bad records skipped.</summary>
    public long Count { get; private set; }

    /// <summary>The first bad records skipped.</summary>
    public List<BadRecord> Samples => _samples;

    /// <summary>Reports the record at <paramref name="abs"/> (in the window), with its line when lines are tracked.</summary>
    public void Bad(long abs, string reason) => Report(new BadRecord(_source, abs, _lines.LineAt(abs), reason));

    /// <summary>Throws <paramref name="record"/>, or counts and samples it when bad records are skipped.</summary>
    public void Report(BadRecord record)
    {
        if (!_skip)
        {
            // The records before this one reach the sink, as they would row by row.
            _delivery.Flush();
            throw new BadRecordException(record);
        }

        Count++;
        if (_samples.Count < _maxSamples)
        {
            _samples.Add(record);
        }
    }
}
