namespace OrleansProc.Engine.Io;

/// <summary>
/// A record that could not be read. <see cref="Line"/> is the 1-based physical line in the blob where the record
/// starts, or null when the reader does not know it (a range that starts mid-blob; the caller can count lines
/// up to <see cref="ByteOffset"/>).
/// </summary>
public sealed record BadRecord(string Source, long ByteOffset, long? Line, string Reason)
{
    public override string ToString() =>
        Line is { } line ? $"{Source}, line {line}: {Reason}" : $"{Source}, byte {ByteOffset}: {Reason}";
}
