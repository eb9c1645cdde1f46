using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansProc.Engine.ProcessorStore;

/// <summary>
/// The content of a processor package folder: every file under it (recursively) with its size and SHA-256, and the
/// package's content hash, a SHA-256 over one line <c>"{sha256} {size} {path}\n"</c> per file in ordinal path order.
/// The hash depends on the files' paths and bytes only, not on times or the folder's location.
/// </summary>
public static class PackageContent
{
    /// <summary>How many hex digits of the content hash make a version.</summary>
    public const int VersionLength = 16;

    /// <summary>The files under <paramref name="folder"/>, ordered by their '/'-separated relative paths.</summary>
    public static IReadOnlyList<PackageFile> ListFiles(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"the package folder '{folder}' does not exist");
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Describe(path, Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One file's size and SHA-256, under <paramref name="relativePath"/>.</summary>
    public static PackageFile Describe(string path, string relativePath)
    {
        using var stream = File.OpenRead(path);
        return new PackageFile(relativePath, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>The content hash of a package's files (lowercase hex).</summary>
    public static string Hash(IEnumerable<PackageFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{file.Sha256} {file.Size} {file.Path}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The version a content hash gives.</summary>
    public static string VersionOf(string contentHash)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        return contentHash[..Math.Min(VersionLength, contentHash.Length)];
    }
}
