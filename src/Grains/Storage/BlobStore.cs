using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using OrleansProc.Contracts;

namespace OrleansProc.Grains.Storage;

/// <summary>
/// The blobs OrleansProc keeps: datasets and job artefacts. One instance per silo, shared by all grains; creates
/// its containers on first use.
/// </summary>
public sealed class BlobStore(BlobServiceClient service) : IDisposable
{
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public BlobContainerClient Datasets => service.GetBlobContainerClient(StorageNames.DatasetsContainer);

    public BlobContainerClient Jobs => service.GetBlobContainerClient(StorageNames.JobsContainer);

    public void Dispose() => _createLock.Dispose();

    public async Task EnsureContainersAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await Datasets.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await Jobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }
    }

    /// <summary>
    /// Opens a blob for reading forward from <paramref name="position"/>, in one request up to about
    /// <paramref name="plannedEnd"/> and a few more only if the reader goes on past it (see <see cref="BlobRangeStream"/>).
    /// </summary>
    public Task<Stream> OpenRangeReadAsync(BlobContainerClient container, string blobName, long position, long plannedEnd, CancellationToken cancellationToken = default) =>
        BlobRangeStream.OpenAsync(container.GetBlobClient(blobName), position, plannedEnd, cancellationToken);

    /// <summary>
    /// Streams a blob from <paramref name="position"/> to its end in one request (the SDK resumes it where it broke
    /// off on a network error). A scan reads every byte once: there is no properties request first and no
    /// request per buffer, which counts for small blobs and high-latency storage.
    /// </summary>
    public async Task<Stream> OpenStreamingReadAsync(BlobContainerClient container, string blobName, long position, CancellationToken cancellationToken = default)
    {
        var options = new BlobDownloadOptions { Range = position > 0 ? new HttpRange(position) : default };
        var response = await container.GetBlobClient(blobName).DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
        return response.Value.Content;
    }

    /// <summary>
    /// Opens a whole blob as a seekable stream over range reads of 4 MiB (Parquet reads its footer, then the column
    /// chunks it needs); the blob must not change while it is read (its ETag is pinned).
    /// </summary>
    public async Task<Stream> OpenSeekableReadAsync(BlobContainerClient container, string blobName, CancellationToken cancellationToken = default) =>
        await container.GetBlobClient(blobName).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 4 * 1024 * 1024 }, cancellationToken).ConfigureAwait(false);

    public async Task UploadAsync(BlobContainerClient container, string blobName, BinaryData content, CancellationToken cancellationToken = default) =>
        await container.GetBlobClient(blobName).UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);

    public Task UploadJsonAsync<T>(BlobContainerClient container, string blobName, T value, CancellationToken cancellationToken = default) =>
        UploadAsync(container, blobName, BinaryData.FromObjectAsJson(value, Json), cancellationToken);

    /// <summary>Reads a JSON blob, or returns default when it does not exist.</summary>
    public async Task<T?> ReadJsonAsync<T>(BlobContainerClient container, string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToObjectFromJson<T>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return default;
        }
    }

    /// <summary>Reads a whole blob into memory.</summary>
    public async Task<BinaryData> ReadAllAsync(BlobContainerClient container, string blobName, CancellationToken cancellationToken = default)
    {
        var response = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return response.Value.Content;
    }

    /// <summary>The blobs under a prefix, in ordinal name order.</summary>
    public async Task<IReadOnlyList<BlobItem>> ListAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken = default)
    {
        var items = new List<BlobItem>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        items.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return items;
    }

    /// <summary>The first-level "folders" of a container.</summary>
    public async Task<IReadOnlyList<string>> ListPrefixesAsync(BlobContainerClient container, CancellationToken cancellationToken = default)
    {
        var prefixes = new List<string>();
        await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix)
            {
                prefixes.Add(item.Prefix.TrimEnd('/'));
            }
        }

        prefixes.Sort(StringComparer.Ordinal);
        return prefixes;
    }

    public async Task DeleteIfExistsAsync(BlobContainerClient container, string blobName, CancellationToken cancellationToken = default) =>
        await container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes every blob under a prefix; returns how many.</summary>
    public async Task<int> DeletePrefixAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken = default)
    {
        var blobs = await ListAsync(container, prefix, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            blobs,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (blob, ct) => await DeleteIfExistsAsync(container, blob.Name, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return blobs.Count;
    }
}
