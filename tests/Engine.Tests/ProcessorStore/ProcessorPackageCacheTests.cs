using OrleansProc.Engine.ProcessorStore;

namespace OrleansProc.Engine.Tests.ProcessorStore;

public sealed class ProcessorPackageCacheTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orleansproc-tests", "cache-" + Guid.NewGuid().ToString("N"));
    private readonly PackageFolder _package = new();
    private int _downloads;

    public void Dispose()
    {
        _package.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task GetFolderAsync_FirstUse_DownloadsEveryFileIntact()
    {
        var manifest = ManifestOf(_package.Path);
        var cache = new ProcessorPackageCache(_root);

        var folder = await cache.GetFolderAsync(manifest, CopyFromPackage);

        Assert.Equal(Path.Combine(_root, "p", manifest.Version), folder);
        foreach (var file in Directory.EnumerateFiles(_package.Path, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(folder, Path.GetRelativePath(_package.Path, file))));
        }

        Assert.Equal(manifest.Files.Count, _downloads);
    }

    [Fact]
    public async Task GetFolderAsync_ConcurrentAndRepeated_DownloadsOnce()
    {
        var manifest = ManifestOf(_package.Path);
        var cache = new ProcessorPackageCache(_root);

        var folders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetFolderAsync(manifest, CopyFromPackage)));
        var again = await cache.GetFolderAsync(manifest, CopyFromPackage);

        Assert.All(folders, f => Assert.Equal(again, f));
        Assert.Equal(manifest.Files.Count, _downloads);
        Assert.Equal(again, cache.Fetched("p", manifest.Version));
        Assert.Null(cache.Fetched("p", "0000000000000000"));
    }

    [Fact]
    public async Task GetFolderAsync_LeftByAnotherProcess_ReusedWithoutDownload()
    {
        var manifest = ManifestOf(_package.Path);
        await new ProcessorPackageCache(_root).GetFolderAsync(manifest, CopyFromPackage);
        _downloads = 0;

        var folder = await new ProcessorPackageCache(_root).GetFolderAsync(manifest, CopyFromPackage);

        Assert.True(File.Exists(Path.Combine(folder, "My.Processor.dll")));
        Assert.Equal(0, _downloads);
    }

    [Fact]
    public async Task GetFolderAsync_DamagedCopyLeftBehind_DownloadsAgain()
    {
        var manifest = ManifestOf(_package.Path);
        var folder = await new ProcessorPackageCache(_root).GetFolderAsync(manifest, CopyFromPackage);
        File.WriteAllText(Path.Combine(folder, "My.Processor.dll"), "tampered");
        _downloads = 0;

        await new ProcessorPackageCache(_root).GetFolderAsync(manifest, CopyFromPackage);

        Assert.Equal("not really an assembly", File.ReadAllText(Path.Combine(folder, "My.Processor.dll")));
        Assert.Equal(manifest.Files.Count, _downloads);
    }

    [Fact]
    public async Task GetFolderAsync_DownloadDiffersFromManifest_FailsAndLeavesNothing()
    {
        var manifest = ManifestOf(_package.Path);
        var cache = new ProcessorPackageCache(_root);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => cache.GetFolderAsync(
            manifest,
            async (path, destination, token) => await destination.WriteAsync("other bytes"u8.ToArray(), token)));

        Assert.Contains("does not match its manifest", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cache.FolderOf(manifest)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "p")));
    }

    [Fact]
    public async Task GetFolderAsync_PathLeavingThePackage_Refused()
    {
        var manifest = ManifestOf(_package.Path) with { Files = [new PackageFile("../evil.dll", 1, "00")] };
        var cache = new ProcessorPackageCache(_root);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => cache.GetFolderAsync(manifest, CopyFromPackage));

        Assert.Contains("leaves the package folder", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "p", "evil.dll")));
    }

    private static ProcessorPackageManifest ManifestOf(string folder)
    {
        var files = PackageContent.ListFiles(folder);
        var hash = PackageContent.Hash(files);
        return new ProcessorPackageManifest { Name = "p", Version = PackageContent.VersionOf(hash), ContentHash = hash, UploadedAt = DateTimeOffset.UnixEpoch, Files = files };
    }

    private async Task CopyFromPackage(string path, Stream destination, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _downloads);
        await using var source = File.OpenRead(Path.Combine(_package.Path, path));
        await source.CopyToAsync(destination, cancellationToken);
    }
}
