namespace OrleansProc.Engine.Io;

/// <summary>The records a scan delivered and the bytes its records span, from the first record's start to the last one's end.</summary>
internal sealed class ScanProgress
{
    private long _firstRecordAbs = -1;
    private long _lastRecordEndAbs;

    /// <summary>The records delivered.</summary>
    public long Records { get; set; }

    /// <summary>The bytes from the first record's start to the last record's end; 0 without a record.</summary>
    public long BytesScanned => _firstRecordAbs < 0 ? 0 : _lastRecordEndAbs - _firstRecordAbs;

    /// <summary>A record (delivered, bad or blank) of <paramref name="length"/> bytes at <paramref name="abs"/>.</summary>
    public void Mark(long abs, int length)
    {
        if (_firstRecordAbs < 0)
        {
            _firstRecordAbs = abs;
        }

        _lastRecordEndAbs = abs + length;
    }

    /// <summary>The last record (one being skipped as too long) goes on to <paramref name="abs"/>.</summary>
    public void ExtendTo(long abs) => _lastRecordEndAbs = abs;
}
