using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// Fills in the line of a bad record found in a range that started mid-blob (the scanner knows only its byte
/// offset there), by counting the lines before it with <see cref="LineLocator"/>: the same for local files and blobs.
/// </summary>
public static class BadRecordLocator
{
    /// <summary>
    /// <paramref name="record"/> with its line, or as it is when it has one already, when its source is gzip (its
    /// offsets are of the decompressed bytes) or when <paramref name="open"/> returns null (the source is gone).
    /// </summary>
    /// <param name="open">Opens a source at its start, to be read up to the given end offset (exclusive).</param>
    public static async Task<BadRecord> LocateAsync(
        BadRecord record,
        Func<string, long, CancellationToken, Task<Stream?>> open,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(open);
        if (record.Line is not null || record.Source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return record;
        }

        var stream = await open(record.Source, record.ByteOffset, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return record;
        }

        await using (stream.ConfigureAwait(false))
        {
            var line = await LineLocator.CountLinesAsync(stream, record.ByteOffset, cancellationToken).ConfigureAwait(false);
            return record with { Line = line };
        }
    }
}
