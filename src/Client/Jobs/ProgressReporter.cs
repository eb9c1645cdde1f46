namespace OrleansProc.Client.Jobs;

/// <summary>
/// Shows progress on stderr: on a terminal a single line redrawn in place; otherwise a plain line at most every
/// <see cref="PlainInterval"/> and one at the end.
/// </summary>
internal sealed class ProgressReporter(TextWriter error, bool isTerminal, TimeProvider time, int? terminalWidth = null)
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    private long? _lastPlainAt;
    private string? _lastLine;
    private string? _lastPrinted;
    private int _drawnWidth;

    /// <summary>Shows the latest progress text (redrawn at once on a terminal, throttled otherwise).</summary>
    public void Report(string line)
    {
        _lastLine = line;
        if (isTerminal)
        {
            if (terminalWidth is > 1 and var width && line.Length >= width)
            {
                line = line[..(width - 1)];
            }

            var padding = _drawnWidth > line.Length ? new string(' ', _drawnWidth - line.Length) : string.Empty;
            error.Write("\r" + line + padding);
            error.Flush();
            _drawnWidth = line.Length;
            return;
        }

        var now = time.GetTimestamp();
        if (_lastPlainAt is null || time.GetElapsedTime(_lastPlainAt.Value, now) >= PlainInterval)
        {
            error.WriteLine(line);
            _lastPrinted = line;
            _lastPlainAt = now;
        }
    }

    /// <summary>Ends the progress display: the last line stays (a final plain line when not a terminal).</summary>
    public void Complete(string? finalLine = null)
    {
        var line = finalLine ?? _lastLine;
        if (isTerminal)
        {
            if (line is not null)
            {
                Report(line);
            }

            if (_drawnWidth > 0)
            {
                error.WriteLine();
            }
        }
        else if (line is not null && !string.Equals(line, _lastPrinted, StringComparison.Ordinal))
        {
            error.WriteLine(line);
        }

        _drawnWidth = 0;
        _lastPrinted = null;
        _lastLine = null;
        _lastPlainAt = null;
    }

    /// <summary>Clears a live line without leaving it (terminal only), so a message can be printed in its place.</summary>
    public void Clear()
    {
        if (isTerminal && _drawnWidth > 0)
        {
            error.Write("\r" + new string(' ', _drawnWidth) + "\r");
            error.Flush();
        }

        _drawnWidth = 0;
        _lastLine = null;
    }
}
