using System.Collections.Concurrent;

namespace OrleansProc.Engine.ProcessorStore;

/// <summary>
/// A host's local copies of processor package versions, one folder per name and version under
/// <see cref="Root"/>: downloaded once (into a temporary folder, every file checked against the manifest's size and
/// SHA-256 and the whole against its content hash, then moved into place), found again by later jobs, and checked
/// again once per process when an earlier process left it. Safe for concurrent callers in one process and for
/// several processes sharing the root (the move into place is atomic; the loser uses the winner's folder).
/// </summary>
public sealed class ProcessorPackageCache(string root)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _folders = new(StringComparer.Ordinal);

    /// <summary>The folder holding the cached versions.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>
    /// The local folder of <paramref name="manifest"/>'s version, downloaded with <paramref name="download"/> (which
    /// writes the file at a relative path to the stream) when it is not here yet.
    /// </summary>
    /// <exception cref="InvalidDataException">A downloaded file does not match the manifest.</exception>
    public Task<string> GetFolderAsync(ProcessorPackageManifest manifest, Func<string, Stream, CancellationToken, Task> download, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(download);
        var folder = FolderOf(manifest);
        var entry = _folders.GetOrAdd(folder, key => new Lazy<Task<string>>(() => FetchAsync(manifest, key, download, cancellationToken)));
        return AwaitAsync(folder, entry);
    }

    /// <summary>The folder a version has (or will have) in this cache.</summary>
    public string FolderOf(ProcessorPackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return FolderOf(manifest.Name, manifest.Version);
    }

    /// <summary>The folder of a version this process has already fetched and checked, or null.</summary>
    public string? Fetched(string name, string version) =>
        _folders.TryGetValue(FolderOf(name, version), out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully
            ? entry.Value.Result
            : null;

    private string FolderOf(string name, string version) => Path.Combine(Root, Safe(name), Safe(version));

    private async Task<string> AwaitAsync(string folder, Lazy<Task<string>> entry)
    {
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            _folders.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(folder, entry)); // the next caller tries again
            throw;
        }
    }

    private static async Task<string> FetchAsync(ProcessorPackageManifest manifest, string folder, Func<string, Stream, CancellationToken, Task> download, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder) && Mismatch(manifest, folder) is null)
        {
            return folder;
        }

        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(folder)}.{Guid.NewGuid():N}");
        try
        {
            foreach (var file in manifest.Files)
            {
                var target = Path.GetFullPath(Path.Combine(staging, file.Path));
                if (!target.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"processor '{manifest.Name}' version {manifest.Version}: the file path '{file.Path}' leaves the package folder");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (stream.ConfigureAwait(false))
                {
                    await download(file.Path, stream, cancellationToken).ConfigureAwait(false);
                }
            }

            if (Mismatch(manifest, staging) is { } mismatch)
            {
                throw new InvalidDataException($"processor '{manifest.Name}' version {manifest.Version}: the download does not match its manifest ({mismatch})");
            }

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true); // a damaged copy left by an earlier process
            }

            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (Directory.Exists(folder) && Mismatch(manifest, folder) is null)
            {
                // Another process put the same version in place first.
            }

            return folder;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>What differs between the folder and the manifest, or null when every file and the content hash match.</summary>
    private static string? Mismatch(ProcessorPackageManifest manifest, string folder)
    {
        var files = PackageContent.ListFiles(folder);
        var expected = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!expected.TryGetValue(file.Path, out var wanted))
            {
                return $"unexpected file '{file.Path}'";
            }

            if (wanted != file)
            {
                return $"file '{file.Path}' has {file.Size} bytes and SHA-256 {file.Sha256}, the manifest says {wanted.Size} bytes and {wanted.Sha256}";
            }
        }

        if (files.Count != expected.Count)
        {
            return $"{expected.Count - files.Count} files missing";
        }

        var hash = PackageContent.Hash(files);
        return hash == manifest.ContentHash ? null : $"content hash {hash}, the manifest says {manifest.ContentHash}";
    }

    private static string Safe(string part) =>
        part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && part is not "." and not ".."
            ? part
            : throw new InvalidDataException($"'{part}' is not a valid processor name or version");
}
