using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Partitions;

/// <summary>
/// Fetches the small whole blobs of a partition ahead of its scan, a few at a time, each in one request: a pack of
/// hundreds of tiny blobs then costs about its bytes, not hundreds of sequential round trips. At most
/// <see cref="Window"/> slices ahead and blobs up to <see cref="MaxBlobBytes"/>, so memory stays bounded.
/// </summary>
internal sealed class SmallBlobPrefetch(BlobStore store, IReadOnlyList<SliceSpec> slices, CancellationToken cancellationToken) : IAsyncDisposable
{
    public const long MaxBlobBytes = 1L << 20;
    public const int Window = 16;

    private readonly Task<BinaryData>?[] _downloads = new Task<BinaryData>?[slices.Count];
    private int _next;

    /// <summary>True for a slice fetched ahead: a whole blob of at most <see cref="MaxBlobBytes"/>.</summary>
    public static bool Fits(SliceSpec slice) =>
        slice.RangeStart == 0 && slice.RangeEnd == long.MaxValue && slice.BlobLength <= MaxBlobBytes;

    /// <summary>The content of slice <paramref name="index"/> if it is fetched ahead (null if not); starts the next fetches.</summary>
    public async Task<BinaryData?> TakeAsync(int index)
    {
        for (; _next < slices.Count && _next <= index + Window; _next++)
        {
            if (Fits(slices[_next]))
            {
                _downloads[_next] = store.ReadAllAsync(store.Datasets, slices[_next].BlobName, cancellationToken);
            }
        }

        var download = _downloads[index];
        _downloads[index] = null;
        return download is null ? null : await download.ConfigureAwait(false);
    }

    /// <summary>Waits for the fetches still running (a scan that stopped early), so none fails unobserved.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var download in _downloads.OfType<Task<BinaryData>>())
        {
            try
            {
                await download.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // the scan already ended; this blob's error does not matter
            }
        }
    }
}
