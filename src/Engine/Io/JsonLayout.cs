using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Tells the two JSON layouts apart by content, as DuckDB's <c>read_json</c> does: a JSON input whose first byte
/// after a UTF-8 BOM and white space is '[' is one array of objects (<see cref="DataFormat.JsonArray"/>); anything
/// else is JSON Lines (<see cref="DataFormat.Jsonl"/>). Other formats are left as they are.
/// </summary>
public static class JsonLayout
{
    /// <summary>How far into the (decompressed) input the first non-space byte is looked for.</summary>
    public const int ProbeBytes = 64 * 1024;

    /// <summary>The layout of <paramref name="head"/>, the first bytes of a JSON input, when <paramref name="format"/> is a JSON format.</summary>
    public static DataFormat Resolve(DataFormat format, ReadOnlySpan<byte> head)
    {
        if (format is not (DataFormat.Jsonl or DataFormat.JsonArray))
        {
            return format;
        }

        head = SkipBom(head);
        var first = head.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && head[first] == '[' ? DataFormat.JsonArray : DataFormat.Jsonl;
    }

    /// <summary>
    /// Reads up to <see cref="ProbeBytes"/> of <paramref name="input"/> (decompressed when <paramref name="gzip"/>)
    /// and resolves <paramref name="format"/> with <see cref="Resolve"/>; a non-JSON format reads nothing.
    /// </summary>
    /// <exception cref="BadRecordException">The gzip data is invalid.</exception>
    public static async Task<DataFormat> DetectAsync(Stream input, bool gzip, DataFormat format, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (format is not (DataFormat.Jsonl or DataFormat.JsonArray))
        {
            return format;
        }

        var head = new byte[ProbeBytes];
        var length = 0;
        var source = gzip ? GzipInputStream.Open(input, sourceName, leaveOpen: true) : input;
        try
        {
            int n;
            while (length < head.Length && (n = await source.ReadAsync(head.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += n;
                if (length >= 3 && SkipBom(head.AsSpan(0, length)).IndexOfAnyExcept(" \t\r\n"u8) >= 0)
                {
                    break;
                }
            }
        }
        finally
        {
            if (gzip)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }

        return Resolve(format, head.AsSpan(0, length));
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
}
