using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// Opens a partition's slices in order, up to <c>depth</c> ahead of the one being scanned, so a pack of small blobs
/// waits for storage about once per <c>depth</c> blobs instead of once per blob (depth 0 opens each when it is
/// reached). Streams not taken are disposed.
/// </summary>
internal sealed class SliceReadAhead(
    IReadOnlyList<InputSlice> slices,
    Func<InputSlice, CancellationToken, Task<Stream>> open,
    int depth,
    CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly Queue<Task<Stream>> _opened = new();
    private int _next;

    /// <summary>The stream of the next slice (the caller disposes it); opens the ones after it meanwhile.</summary>
    public Task<Stream> NextAsync()
    {
        while (_opened.Count <= depth && _next < slices.Count)
        {
            _opened.Enqueue(open(slices[_next++], cancellationToken));
        }

        return _opened.Dequeue();
    }

    public async ValueTask DisposeAsync()
    {
        while (_opened.TryDequeue(out var pending))
        {
            try
            {
                await (await pending.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // a slice never scanned: its error does not matter
            }
        }
    }
}
