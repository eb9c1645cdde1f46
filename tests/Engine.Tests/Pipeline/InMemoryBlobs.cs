using System.IO.Compression;
using System.Text;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Pipeline;

/// <summary>Blobs in memory, opened the way <see cref="Engine.Pipeline.PartitionScan"/> requires (at RangeStart - 1 for a range starting mid-blob).</summary>
internal sealed class InMemoryBlobs
{
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public List<string> Opened { get; } = [];

    public InMemoryBlobs Add(string name, string text)
    {
        _blobs[name] = Encoding.UTF8.GetBytes(text);
        return this;
    }

    public InMemoryBlobs AddGzip(string name, string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        _blobs[name] = buffer.ToArray();
        return this;
    }

    public long Length(string name) => _blobs[name].Length;

    public Task<Stream> OpenAsync(InputSlice slice, CancellationToken cancellationToken)
    {
        Opened.Add(slice.BlobName);
        var blob = _blobs[slice.BlobName];
        var start = slice.RangeStart > 0 ? (int)slice.RangeStart - 1 : 0;
        return Task.FromResult<Stream>(new MemoryStream(blob, start, blob.Length - start, writable: false));
    }

    public Task<Stream?> OpenToAsync(string name, long endOffset, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(_blobs.TryGetValue(name, out var blob) ? new MemoryStream(blob, 0, (int)Math.Min(endOffset, blob.Length), writable: false) : null);
}
