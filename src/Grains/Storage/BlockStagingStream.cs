using Azure.Storage.Blobs.Specialized;

namespace OrleansProc.Grains.Storage;

/// <summary>
/// A write-only stream that stages what is written as blocks of one attempt (<see cref="OutputBlocks"/>) and never
/// commits them: the coordinator commits the blocks of the attempt that counts.
/// </summary>
public sealed class BlockStagingStream(BlockBlobClient blob, int attempt, CancellationToken stop, int blockSize = 4 * 1024 * 1024) : Stream
{
    private readonly MemoryStream _buffer = new();

    /// <summary>Blocks staged so far.</summary>
    public int Blocks { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _buffer.Write(buffer);
        if (_buffer.Length >= blockSize)
        {
            StageAsync(stop).AsTask().GetAwaiter().GetResult();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _buffer.Write(buffer.Span);
        if (_buffer.Length >= blockSize)
        {
            await StageAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stages what is left; call once the attempt has written everything.</summary>
    public async Task CompleteAsync()
    {
        if (_buffer.Length > 0)
        {
            await StageAsync(stop).ConfigureAwait(false);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask StageAsync(CancellationToken cancellationToken)
    {
        _buffer.Position = 0;
        await blob.StageBlockAsync(OutputBlocks.Id(attempt, Blocks), _buffer, cancellationToken: cancellationToken).ConfigureAwait(false);
        Blocks++;
        _buffer.SetLength(0);
    }
}
