using System.IO.Compression;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Decompresses a gzip blob or file for a scan. Data that is not gzip, is corrupt, fails its checksum or ends before
/// its last member does (a truncated upload) is a <see cref="BadRecordException"/> "not a valid gzip file: ..."
/// naming the source, never a partial answer.
/// </summary>
/// <remarks>
/// Truncation is detected by .NET's strict validation, the runtime switch
/// <c>System.IO.Compression.UseStrictValidation</c> that Directory.Build.props turns on for every program and test
/// (without it a gzip stream cut short reads as a shorter file). Concatenated gzip members are read one after another.
/// </remarks>
public sealed class GzipInputStream : Stream
{
    private readonly GZipStream _gzip;
    private readonly string _sourceName;

    private GzipInputStream(Stream compressed, string sourceName, bool leaveOpen)
    {
        _gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen);
        _sourceName = sourceName;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Wraps <paramref name="compressed"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static Stream Open(Stream compressed, string sourceName, bool leaveOpen = false) => new GzipInputStream(compressed, sourceName, leaveOpen);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Invalid(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _gzip.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw Invalid(e);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _gzip.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private BadRecordException Invalid(InvalidDataException e) =>
        new(new BadRecord(_sourceName, 0, null, $"not a valid gzip file: {e.Message}"));
}
