namespace OrleansProc.Engine.Io;

/// <summary>Why <see cref="RecordFramer.FrameRecords"/> stopped.</summary>
internal enum FramingStop
{
    /// <summary>The window holds no unread byte.</summary>
    Empty = 0,

    /// <summary>The window ends inside a record; read more.</summary>
    NeedMore = 1,

    /// <summary>The next record starts at or after the range end: the scan is over.</summary>
    RangeEnd = 2,

    /// <summary>The next record is longer than the limit: it was reported, and its rest is to be skipped.</summary>
    TooLong = 3,
}
