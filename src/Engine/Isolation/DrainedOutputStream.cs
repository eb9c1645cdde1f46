namespace OrleansProc.Engine.Isolation;

/// <summary>
/// The output stream a worker gives a partial that writes output rows: forward-only (as a blob's block stream is),
/// <see cref="Position"/> counts every byte written, and <see cref="Drain"/> hands the bytes written since the last
/// drain to the host, which writes them to the partition's real output.
/// </summary>
internal sealed class DrainedOutputStream : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException("the worker's output stream is forward-only");
    }

    /// <summary>The bytes written since the last call.</summary>
    public byte[] Drain()
    {
        var bytes = _pending.ToArray();
        _pending.SetLength(0);
        return bytes;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _written += buffer.Length;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the worker's output stream is write-only");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("the worker's output stream is forward-only");

    public override void SetLength(long value) => throw new NotSupportedException("the worker's output stream is forward-only");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
