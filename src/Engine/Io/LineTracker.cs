namespace OrleansProc.Engine.Io;

/// <summary>
/// The 1-based physical line of a byte, for bad records, when the scan started at the blob's start (otherwise the
/// lines before the range are unknown: see <see cref="LineLocator"/>). Counts the line feeds of the bytes dropped from
/// the window and, within the buffer, from the last byte asked about, so records in order cost one pass.
/// </summary>
internal sealed class LineTracker
{
    private readonly ScanWindow _window;
    private long _linesBeforeBuffer;
    private int _cacheOffset;
    private long _cacheLines;

    /// <param name="window">The window whose bytes are counted.</param>
    /// <param name="enabled">Whether lines are tracked: only when the scan starts at byte 0.</param>
    public LineTracker(ScanWindow window, bool enabled)
    {
        _window = window;
        Enabled = enabled;
    }

    /// <summary>Whether lines are tracked.</summary>
    public bool Enabled { get; }

    /// <summary>Counts the bytes before <see cref="ScanWindow.Start"/>, which the window is about to drop.</summary>
    public void BeforeShift()
    {
        if (_window.Start == 0)
        {
            return;
        }

        if (Enabled)
        {
            _linesBeforeBuffer += _window.Buffer.AsSpan(0, _window.Start).Count((byte)'\n');
        }

        _cacheOffset = 0;
        _cacheLines = 0;
    }

    /// <summary>The line of the byte at <paramref name="abs"/> (in the buffer), null when lines are not tracked.</summary>
    public long? LineAt(long abs)
    {
        if (!Enabled)
        {
            return null;
        }

        var offset = (int)(abs - _window.BufferAbs);
        if (offset < _cacheOffset)
        {
            _cacheOffset = 0;
            _cacheLines = 0;
        }

        _cacheLines += _window.Buffer.AsSpan(_cacheOffset, offset - _cacheOffset).Count((byte)'\n');
        _cacheOffset = offset;
        return _linesBeforeBuffer + _cacheLines + 1;
    }
}
