using System.Buffers;

namespace OrleansProc.Engine.Io;

/// <summary>Turns a byte offset in a blob into a line number, for bad records found in a range that started mid-blob.</summary>
public static class LineLocator
{
    /// <summary>
    /// The 1-based line of the byte at <paramref name="byteOffset"/>: one plus the number of '\n' bytes before it.
    /// <paramref name="fromBlobStart"/> must begin at the start of the blob (it is read up to the offset only).
    /// </summary>
    public static async Task<long> CountLinesAsync(Stream fromBlobStart, long byteOffset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fromBlobStart);
        ArgumentOutOfRangeException.ThrowIfNegative(byteOffset);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long lines = 1;
            var remaining = byteOffset;
            while (remaining > 0)
            {
                var n = await fromBlobStart.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                lines += buffer.AsSpan(0, n).Count((byte)'\n');
                remaining -= n;
            }

            return lines;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
