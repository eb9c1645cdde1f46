using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace OrleansProc.Grains.Storage;

/// <summary>
/// Reads a blob forward from a position in a few large streaming requests: the first covers the planned range and
/// some slack (a partition's range plus the record that runs over its end), each later one twice the size of the one
/// before, up to <see cref="MaxChunk"/>. Storage charges per request (Azurite spends about 14 ms of its one thread on
/// each 4 MiB range request, against about 1.5 ms per MiB streamed): a range costs one request instead of one per
/// 4 MiB buffer, and reading past the range costs a small one. A chunk that ends short means the blob ended. Later
/// chunks are read only if the blob is still the one the first chunk came from (its ETag): a blob replaced while it is
/// read fails the read (412) instead of mixing two versions; a stream opened with an ETag (the job's snapshot, see
/// <see cref="InputSnapshot"/>) makes every request, the first included, conditional on it.
/// </summary>
public sealed class BlobRangeStream : Stream
{
    /// <summary>The bytes past the planned end the first request takes, for the record that runs over it.</summary>
    public const long Slack = 256 * 1024;

    private const long FirstExtraChunk = 1024 * 1024;
    private const long MaxChunk = 64 * 1024 * 1024;

    private readonly BlobClient _blob;
    private readonly long _pinnedLength;
    private ETag? _etag;
    private Stream? _chunk;
    private long _position;
    private long _chunkLeft;
    private long _nextChunk = FirstExtraChunk;
    private bool _ended;

    private BlobRangeStream(BlobClient blob, long position, ETag? etag, long pinnedLength)
    {
        _blob = blob;
        _position = position;
        _etag = etag;
        _pinnedLength = pinnedLength;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Opens the blob at <paramref name="position"/>; the first request reads to <paramref name="plannedEnd"/> plus <see cref="Slack"/>.</summary>
    public static Task<Stream> OpenAsync(BlobClient blob, long position, long plannedEnd, CancellationToken cancellationToken) =>
        OpenAsync(blob, position, plannedEnd, null, -1, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(BlobClient, long, long, CancellationToken)"/>, every request If-Match <paramref name="ifMatch"/>
    /// when given; the blob ending before <paramref name="pinnedLength"/> (when not -1) fails the read as a changed blob (412).
    /// </summary>
    public static async Task<Stream> OpenAsync(BlobClient blob, long position, long plannedEnd, ETag? ifMatch, long pinnedLength, CancellationToken cancellationToken)
    {
        var stream = new BlobRangeStream(blob, position, ifMatch, pinnedLength);
        await stream.OpenChunkAsync(Math.Max(1, plannedEnd - position) + Slack, cancellationToken).ConfigureAwait(false);
        return stream;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty && !_ended)
        {
            if (_chunk is null)
            {
                await OpenChunkAsync(_nextChunk, cancellationToken).ConfigureAwait(false);
                _nextChunk = Math.Min(MaxChunk, _nextChunk * 2);
                continue;
            }

            var read = await _chunk.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                _position += read;
                _chunkLeft -= read;
                return read;
            }

            await _chunk.DisposeAsync().ConfigureAwait(false);
            _chunk = null;
            if (_chunkLeft > 0)
            {
                EndHere(null); // a chunk cut short: the blob ends here
            }
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read a blob range asynchronously (ReadAsync)");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (_chunk is not null)
        {
            await _chunk.DisposeAsync().ConfigureAwait(false);
            _chunk = null;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunk?.Dispose();
            _chunk = null;
        }

        base.Dispose(disposing);
    }

    private async Task OpenChunkAsync(long length, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobDownloadOptions
            {
                Range = new HttpRange(_position, length),
                Conditions = _etag is { } etag ? new BlobRequestConditions { IfMatch = etag } : null,
            };
            var response = await _blob.DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
            _etag ??= response.Value.Details.ETag;
            _chunk = response.Value.Content;
            _chunkLeft = length;
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            EndHere(e); // the position is the blob's end
        }
    }

    /// <summary>The blob ends at the position: the stream ends, unless the blob was longer when the job was planned.</summary>
    private void EndHere(Exception? cause)
    {
        if (_pinnedLength >= 0 && _position < _pinnedLength)
        {
            throw new RequestFailedException(412, $"the blob ends at byte {_position}, before {_pinnedLength}, its length when the job was planned", "ConditionNotMet", cause);
        }

        _ended = true;
    }
}
