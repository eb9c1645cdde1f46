using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using OrleansProc.Contracts;
using OrleansProc.Engine.ProcessorStore;

namespace OrleansProc.Grains.Processors;

/// <summary>
/// The silo's view of the processor store: the stored versions of a package (their manifests) and the local folder of
/// one version, downloaded once per silo into its <see cref="ProcessorPackageCache"/> and checked against the
/// manifest's hashes.
/// </summary>
public sealed class ProcessorPackages(BlobServiceClient service, ProcessorPackageCache cache)
{
    private BlobContainerClient Container => service.GetBlobContainerClient(StorageNames.ProcessorsContainer);

    /// <summary>Every stored version of <paramref name="name"/> (none when it was never uploaded).</summary>
    public async Task<IReadOnlyList<ProcessorPackageManifest>> VersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        var manifests = new List<ProcessorPackageManifest>();
        try
        {
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, ProcessorBlobNames.PackagePrefix(name), cancellationToken).ConfigureAwait(false))
            {
                if (blob.Name.EndsWith("/" + ProcessorBlobNames.ManifestFile, StringComparison.Ordinal) && blob.Name.Count(c => c == '/') == 2)
                {
                    manifests.Add(await ReadAsync(blob.Name, cancellationToken).ConfigureAwait(false));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return []; // no processor was ever uploaded: the container does not exist
        }

        return manifests;
    }

    /// <summary>The local folder of a version (downloaded on first use).</summary>
    public Task<string> GetFolderAsync(ProcessorPackageManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return cache.GetFolderAsync(
            manifest,
            async (path, destination, token) =>
                await Container.GetBlobClient(ProcessorBlobNames.File(manifest.Name, manifest.Version, path)).DownloadToAsync(destination, token).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>The local folder of a version a job is pinned to, by name and version.</summary>
    /// <exception cref="InvalidOperationException">The version was deleted from the store and is not in this silo's cache.</exception>
    public async Task<string> GetFolderAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        if (cache.Fetched(name, version) is { } fetched)
        {
            return fetched;
        }

        var blob = ProcessorBlobNames.Manifest(name, version);
        ProcessorPackageManifest manifest;
        try
        {
            manifest = await ReadAsync(blob, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new InvalidOperationException($"processor '{name}' version {version} was deleted from the store ({StorageNames.ProcessorsContainer}/{blob} is missing)", e);
        }

        return await GetFolderAsync(manifest, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ProcessorPackageManifest> ReadAsync(string blob, CancellationToken cancellationToken)
    {
        var content = await Container.GetBlobClient(blob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return ProcessorPackageManifest.FromJson(content.Value.Content.ToMemory().Span, $"{StorageNames.ProcessorsContainer}/{blob}");
    }
}
