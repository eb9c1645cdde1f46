namespace OrleansProc.Engine.Io;

/// <summary>The outcome of framing one record at the start of a buffer.</summary>
internal enum FrameStatus
{
    /// <summary>A whole record was framed.</summary>
    Complete = 0,

    /// <summary>The record goes on past the buffer; read more.</summary>
    NeedMore = 1,

    /// <summary>At the end of the input a quoted field is still open.</summary>
    Unterminated = 2,
}
