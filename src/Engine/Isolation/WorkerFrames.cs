using System.Buffers.Binary;

namespace OrleansProc.Engine.Isolation;

/// <summary>
/// The framing of the worker protocol over a pipe: a 4-byte little-endian length (of the kind byte and the payload),
/// the kind byte, then the payload. Requests and answers alternate; the host may send one request ahead.
/// </summary>
internal static class WorkerFrames
{
    /// <summary>The largest frame accepted (a record batch, a partial, a result).</summary>
    public const int MaxFrameBytes = 1 << 30;

    /// <summary>Writes one frame and flushes it.</summary>
    public static void Write(Stream destination, WorkerMessageKind kind, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> header = stackalloc byte[5];
        BinaryPrimitives.WriteInt32LittleEndian(header, checked(payload.Length + 1));
        header[4] = (byte)kind;
        destination.Write(header);
        destination.Write(payload);
        destination.Flush();
    }

    /// <summary>Reads one frame; null at the end of the stream (the other side is gone).</summary>
    public static WorkerFrame? Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> header = stackalloc byte[5];
        if (!Fill(source, header))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 1 || length > MaxFrameBytes)
        {
            throw new InvalidDataException($"worker protocol: a frame of {length} bytes (at most {MaxFrameBytes})");
        }

        var payload = new byte[length - 1];
        return Fill(source, payload) ? new WorkerFrame((WorkerMessageKind)header[4], payload) : null;
    }

    /// <summary>Reads one frame without blocking a thread; null at the end of the stream.</summary>
    public static async Task<WorkerFrame?> ReadAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var header = new byte[5];
        if (!await FillAsync(source, header, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 1 || length > MaxFrameBytes)
        {
            throw new InvalidDataException($"worker protocol: a frame of {length} bytes (at most {MaxFrameBytes})");
        }

        var payload = new byte[length - 1];
        return await FillAsync(source, payload, cancellationToken).ConfigureAwait(false)
            ? new WorkerFrame((WorkerMessageKind)header[4], payload)
            : null;
    }

    private static bool Fill(Stream source, Span<byte> buffer)
    {
        var read = source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length;
    }

    private static async Task<bool> FillAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == buffer.Length;
    }
}
