using System.Buffers;

namespace OrleansProc.Engine.Io;

/// <summary>
/// The bytes of a scan in memory: a pooled buffer, the unread part of it (<see cref="Start"/> to <see cref="End"/>),
/// the absolute offsets of the buffer and of the stream, reads from the stream, and room made for more by moving
/// the unread bytes to the front or, when a record fills the whole buffer, by growing it up to the record limit.
/// </summary>
internal sealed class ScanWindow
{
    private readonly int _initialSize;
    private readonly int _maxRecordBytes;

    /// <param name="initialSize">The first buffer's size.</param>
    /// <param name="streamAbs">The absolute offset of the stream's first byte.</param>
    /// <param name="maxRecordBytes">The longest record the buffer must hold (it grows to this plus a CRLF).</param>
    public ScanWindow(int initialSize, long streamAbs, int maxRecordBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialSize, 4);
        _initialSize = initialSize;
        _maxRecordBytes = maxRecordBytes;
        BufferAbs = StreamAbs = streamAbs;
    }

    /// <summary>The buffer; empty until <see cref="Open"/>.</summary>
    public byte[] Buffer { get; private set; } = [];

    /// <summary>The first unread byte of <see cref="Buffer"/>.</summary>
    public int Start { get; set; }

    /// <summary>The end of the bytes read into <see cref="Buffer"/>.</summary>
    public int End { get; private set; }

    /// <summary>The absolute offset of <see cref="Buffer"/>'s first byte.</summary>
    public long BufferAbs { get; private set; }

    /// <summary>The absolute offset of the stream's next byte.</summary>
    public long StreamAbs { get; private set; }

    /// <summary>Whether the stream has ended.</summary>
    public bool Eof { get; private set; }

    /// <summary>Whether no byte can be read into the buffer before room is made.</summary>
    public bool IsFull => End == Buffer.Length;

    /// <summary>The unread bytes.</summary>
    public Span<byte> Unread => Buffer.AsSpan(Start, End - Start);

    /// <summary>Rents the first buffer.</summary>
    public void Open() => Buffer = ArrayPool<byte>.Shared.Rent(_initialSize);

    /// <summary>Returns the buffer to the pool.</summary>
    public void Close()
    {
        if (Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = [];
        }
    }

    /// <summary>One read from <paramref name="input"/> after <see cref="End"/>; the bytes read, 0 at the end of the stream.</summary>
    public async ValueTask<int> ReadAsync(Stream input, CancellationToken cancellationToken)
    {
        var n = await input.ReadAsync(Buffer.AsMemory(End), cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            Eof = true;
            return 0;
        }

        End += n;
        StreamAbs += n;
        return n;
    }

    /// <summary>
    /// One read from <paramref name="input"/> over the whole buffer, dropping what it held (to read on past the
    /// records, as for a quote count); the bytes read, which start at <see cref="BufferAbs"/>, 0 at the end of the stream.
    /// </summary>
    public async ValueTask<int> ReadOverAsync(Stream input, CancellationToken cancellationToken)
    {
        Start = End = 0;
        BufferAbs = StreamAbs;
        var n = await input.ReadAsync(Buffer, cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            Eof = true;
            return 0;
        }

        StreamAbs += n;
        return n;
    }

    /// <summary>
    /// Makes room for more bytes: moves the unread bytes to the front when some were read, otherwise, when the
    /// buffer is full, grows it (doubling, up to the record limit plus a CRLF).
    /// </summary>
    public void MakeRoom()
    {
        if (Start > 0)
        {
            Buffer.AsSpan(Start, End - Start).CopyTo(Buffer);
            BufferAbs += Start;
            End -= Start;
            Start = 0;
        }
        else if (End == Buffer.Length)
        {
            var size = (int)Math.Min((long)Buffer.Length * 2, Math.Max(_maxRecordBytes + 2L, Buffer.Length));
            if (size <= Buffer.Length)
            {
                throw new InvalidOperationException("The scan buffer cannot grow further.");
            }

            var bigger = ArrayPool<byte>.Shared.Rent(size);
            Buffer.AsSpan(0, End).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = bigger;
        }
    }
}
