using System.Text.Json;

namespace OrleansProc.Engine.ProcessorStore;

/// <summary>
/// The manifest blob of one stored version of a processor package: its files (with sizes and hashes), when it was
/// uploaded and the processors inside. The version is the start of the content hash, so the same content uploaded
/// twice is one version.
/// </summary>
public sealed record ProcessorPackageManifest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The package's name in the store.</summary>
    public required string Name { get; init; }

    /// <summary>The version: the first <see cref="PackageContent.VersionLength"/> hex digits of <see cref="ContentHash"/>.</summary>
    public required string Version { get; init; }

    /// <summary>The SHA-256 over the package's files (<see cref="PackageContent"/>), lowercase hex.</summary>
    public required string ContentHash { get; init; }

    /// <summary>When this version was last uploaded (an upload of the same content makes it the latest again).</summary>
    public required DateTimeOffset UploadedAt { get; init; }

    /// <summary>Every file, ordered by path.</summary>
    public required IReadOnlyList<PackageFile> Files { get; init; }

    /// <summary>The processors found in the package.</summary>
    public IReadOnlyList<PackageProcessor> Processors { get; init; } = [];

    /// <summary>The package's total size in bytes.</summary>
    public long Size => Files.Sum(f => f.Size);

    /// <summary>The latest of a package's versions: the last uploaded (ties: the greater version), or null for none.</summary>
    public static ProcessorPackageManifest? Latest(IEnumerable<ProcessorPackageManifest> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return versions.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Version, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>
    /// The version <paramref name="requested"/> names: a whole version or a unique prefix of one (at least 4 digits);
    /// null when none or several match (<paramref name="error"/> says which).
    /// </summary>
    public static ProcessorPackageManifest? Find(IReadOnlyList<ProcessorPackageManifest> versions, string name, string requested, out string? error)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(requested);
        var matches = requested.Length >= 4
            ? versions.Where(m => m.Version.StartsWith(requested, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        error = matches.Count switch
        {
            1 => null,
            0 => $"processor '{name}' has no version '{requested}' (versions: {string.Join(", ", versions.Select(v => v.Version))})",
            _ => $"version '{requested}' of processor '{name}' is ambiguous: it starts {string.Join(", ", matches.Select(v => v.Version))}",
        };
        return error is null ? matches[0] : null;
    }

    /// <summary>The manifest as the JSON of its blob.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>A manifest read from its blob's JSON.</summary>
    /// <exception cref="InvalidDataException">The JSON is not a manifest; the message names <paramref name="where"/>.</exception>
    public static ProcessorPackageManifest FromJson(ReadOnlySpan<byte> json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<ProcessorPackageManifest>(json, Json) ?? throw new InvalidDataException($"the processor manifest {where} is JSON null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the processor manifest {where} is not valid: {e.Message}", e);
        }
    }
}
