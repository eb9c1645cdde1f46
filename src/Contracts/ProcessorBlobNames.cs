namespace OrleansProc.Contracts;

/// <summary>
/// Where a processor package lives in the <see cref="StorageNames.ProcessorsContainer"/> container: one folder per
/// name and version (the content hash), holding a manifest and the package's files.
/// </summary>
public static class ProcessorBlobNames
{
    /// <summary>The manifest blob's file name inside a version's folder.</summary>
    public const string ManifestFile = "_manifest.json";

    /// <summary>The silo's cache folder variable (default: "orleansproc-processors" under the temp folder).</summary>
    public const string CacheVariable = "ORLEANSPROC_PROCESSOR_CACHE";

    /// <summary>The prefix of every version of a package: "{name}/".</summary>
    public static string PackagePrefix(string name) => $"{name}/";

    /// <summary>The prefix of one version: "{name}/{version}/".</summary>
    public static string VersionPrefix(string name, string version) => $"{name}/{version}/";

    /// <summary>The manifest of one version.</summary>
    public static string Manifest(string name, string version) => $"{name}/{version}/{ManifestFile}";

    /// <summary>One file of one version, by its path relative to the package folder ('/'-separated).</summary>
    public static string File(string name, string version, string relativePath) => $"{name}/{version}/files/{relativePath}";

    /// <summary>The silo's local cache folder of downloaded package versions.</summary>
    public static string CacheRoot =>
        Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } value
            ? value
            : Path.Combine(Path.GetTempPath(), "orleansproc-processors");
}
