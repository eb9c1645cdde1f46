using System.Security.Cryptography;
using System.Text;
using OrleansProc.Engine.ProcessorStore;

namespace OrleansProc.Engine.Tests.ProcessorStore;

public sealed class PackageContentTests
{
    [Fact]
    public void ListFiles_NestedFolder_GivesRelativePathsSizesAndHashesInOrder()
    {
        using var package = new PackageFolder();

        var files = PackageContent.ListFiles(package.Path);

        var expected = Directory.EnumerateFiles(package.Path, "*", SearchOption.AllDirectories)
            .Select(p => new PackageFile(
                Path.GetRelativePath(package.Path, p).Replace('\\', '/'),
                new FileInfo(p).Length,
                Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(p)))))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, files);
        Assert.Contains(files, f => f.Path == "runtimes/linux/native.so" && f.Size == 5);
    }

    [Fact]
    public void Hash_Files_IsSha256OfSortedLines()
    {
        PackageFile[] files = [new("b.dll", 2, "bb"), new("a.dll", 1, "aa")];

        var hash = PackageContent.Hash(files);

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("aa 1 a.dll\nbb 2 b.dll\n")));
        Assert.Equal(expected, hash);
    }

    [Fact]
    public void Hash_SameContentElsewhere_IsTheSame()
    {
        using var first = new PackageFolder();
        using var second = new PackageFolder();

        Assert.Equal(PackageContent.Hash(PackageContent.ListFiles(first.Path)), PackageContent.Hash(PackageContent.ListFiles(second.Path)));
    }

    [Fact]
    public void Hash_OneByteChanged_Differs()
    {
        using var first = new PackageFolder();
        using var second = new PackageFolder();
        File.WriteAllText(Path.Combine(second.Path, "My.Processor.deps.json"), "{ }");

        Assert.NotEqual(PackageContent.Hash(PackageContent.ListFiles(first.Path)), PackageContent.Hash(PackageContent.ListFiles(second.Path)));
    }

    [Fact]
    public void VersionOf_Hash_IsItsFirstSixteenDigits() =>
        Assert.Equal("0123456789abcdef", PackageContent.VersionOf("0123456789abcdef0123"));

    [Fact]
    public void ListFiles_MissingFolder_ThrowsNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DirectoryNotFoundException>(() => PackageContent.ListFiles(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
