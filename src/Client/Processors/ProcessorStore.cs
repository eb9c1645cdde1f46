using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using OrleansProc.Contracts;
using OrleansProc.Engine.ProcessorStore;

namespace OrleansProc.Client.Processors;

/// <summary>
/// The processor store as the client sees it (the <see cref="StorageNames.ProcessorsContainer"/> container): uploads
/// a package folder as a version named by its content hash (files first, the manifest last, so a version is listed
/// only once it is whole), lists and reads manifests, deletes versions (manifest first).
/// </summary>
internal sealed class ProcessorStore(BlobServiceClient blobs, TimeProvider time)
{
    /// <summary>Files uploaded at once.</summary>
    public const int Concurrency = 8;

    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.ProcessorsContainer);

    /// <summary>
    /// Stores the files of <paramref name="folder"/> as a version of <paramref name="name"/> that holds
    /// <paramref name="processors"/>; the same content stored before is not uploaded again, only made the latest.
    /// </summary>
    public async Task<ProcessorUpload> UploadAsync(string name, string folder, IReadOnlyList<PackageFile> files, IReadOnlyList<PackageProcessor> processors, CancellationToken cancellationToken)
    {
        var hash = PackageContent.Hash(files);
        var manifest = new ProcessorPackageManifest
        {
            Name = name,
            Version = PackageContent.VersionOf(hash),
            ContentHash = hash,
            UploadedAt = time.GetUtcNow(),
            Files = files,
            Processors = processors,
        };
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var stored = await ReadAsync(ProcessorBlobNames.Manifest(name, manifest.Version), cancellationToken);
        if (stored is null)
        {
            await Parallel.ForEachAsync(
                files,
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (file, token) =>
                {
                    await using var stream = File.OpenRead(Path.Combine(folder, file.Path));
                    await Container.GetBlobClient(ProcessorBlobNames.File(name, manifest.Version, file.Path)).UploadAsync(stream, overwrite: true, token);
                });
        }

        await Container.GetBlobClient(ProcessorBlobNames.Manifest(name, manifest.Version)).UploadAsync(new BinaryData(manifest.ToJson()), overwrite: true, cancellationToken);
        return new ProcessorUpload(manifest, stored is not null);
    }

    /// <summary>Every stored version of every package, by package name (ordinal).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ProcessorPackageManifest>>> ListAsync(CancellationToken cancellationToken) =>
        (await ManifestsAsync(string.Empty, cancellationToken))
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ProcessorPackageManifest>)[.. g.OrderByDescending(m => m.UploadedAt)], StringComparer.Ordinal);

    /// <summary>The stored versions of one package, the latest first (none when it does not exist).</summary>
    public async Task<IReadOnlyList<ProcessorPackageManifest>> VersionsAsync(string name, CancellationToken cancellationToken) =>
        [.. (await ManifestsAsync(ProcessorBlobNames.PackagePrefix(name), cancellationToken)).OrderByDescending(m => m.UploadedAt)];

    /// <summary>Deletes one version (its manifest first, then its files); returns how many blobs went.</summary>
    public async Task<int> DeleteAsync(ProcessorPackageManifest version, CancellationToken cancellationToken)
    {
        await Container.DeleteBlobIfExistsAsync(ProcessorBlobNames.Manifest(version.Name, version.Version), cancellationToken: cancellationToken);
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, ProcessorBlobNames.VersionPrefix(version.Name, version.Version), cancellationToken))
        {
            names.Add(blob.Name);
        }

        await Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (blob, token) => await Container.DeleteBlobIfExistsAsync(blob, cancellationToken: token));
        return names.Count + 1;
    }

    private async Task<List<ProcessorPackageManifest>> ManifestsAsync(string prefix, CancellationToken cancellationToken)
    {
        var manifests = new List<ProcessorPackageManifest>();
        try
        {
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            {
                if (blob.Name.Count(c => c == '/') == 2 && blob.Name.EndsWith("/" + ProcessorBlobNames.ManifestFile, StringComparison.Ordinal)
                    && await ReadAsync(blob.Name, cancellationToken) is { } manifest)
                {
                    manifests.Add(manifest);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return manifests; // nothing was ever uploaded
        }

        return manifests;
    }

    private async Task<ProcessorPackageManifest?> ReadAsync(string blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Container.GetBlobClient(blob).DownloadContentAsync(cancellationToken);
            return ProcessorPackageManifest.FromJson(content.Value.Content.ToMemory().Span, $"{StorageNames.ProcessorsContainer}/{blob}");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
