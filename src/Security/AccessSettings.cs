using System.Security.Cryptography;
using System.Text;

namespace OrleansProc.Security;

/// <summary>
/// Who may call the cluster. ORLEANSPROC_API_KEY (silos and client; at least <see cref="MinimumKeyLength"/> characters):
/// when set, a silo refuses every client grain call, and every request to its jobs page, API and dashboard, that does not
/// present it; unset, calls are not checked (local development) and the web side answers only on loopback.
/// ORLEANSPROC_SILO_KEY (silos only, never clients): what silos mark their own calls with, so that the grains only silos
/// may call refuse clients; unset, it is derived from the storage connection string and the cluster id (anyone holding
/// the storage connection string could join the cluster through its membership table anyway).
/// </summary>
public sealed class AccessSettings
{
    public const string ApiKeyVariable = "ORLEANSPROC_API_KEY";

    public const string SiloKeyVariable = "ORLEANSPROC_SILO_KEY";

    /// <summary>The shortest key accepted: a key that can be guessed protects nothing.</summary>
    public const int MinimumKeyLength = 16;

    private readonly byte[]? _apiKeyHash;

    private readonly byte[] _siloKeyHash;

    private AccessSettings(string? apiKey, string siloKey)
    {
        ApiKey = apiKey;
        SiloKey = siloKey;
        _apiKeyHash = apiKey is null ? null : Hash(apiKey);
        _siloKeyHash = Hash(siloKey);
    }

    /// <summary>The key clients must present, or null when calls are not checked.</summary>
    public string? ApiKey { get; }

    /// <summary>The key silos mark their own calls with.</summary>
    public string SiloKey { get; }

    /// <summary>True when clients must present <see cref="ApiKey"/>.</summary>
    public bool RequiresApiKey => _apiKeyHash is not null;

    /// <summary>The client's API key from this process's environment, or null when unset.</summary>
    public static string? ClientApiKeyFromEnvironment() =>
        Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null;

    /// <summary>A silo's settings; throws <see cref="InvalidOperationException"/> for a key too short to protect anything.</summary>
    /// <param name="read">A variable's value, or null when it is unset.</param>
    /// <param name="storageConnectionString">The silos' storage connection string (the silo key is derived from it when unset).</param>
    /// <param name="clusterId">The cluster id (idem).</param>
    public static AccessSettings From(Func<string, string?> read, string storageConnectionString, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(read);
        string? Get(string name) => read(name) is { Length: > 0 } value ? CheckLength(name, value) : null;
        var siloKey = Get(SiloKeyVariable)
            ?? Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(storageConnectionString), Encoding.UTF8.GetBytes($"orleansproc silo calls/{clusterId}")));
        return new AccessSettings(Get(ApiKeyVariable), siloKey);
    }

    /// <summary>True when <paramref name="candidate"/> is the API key (compared in constant time); false when no key is set.</summary>
    public bool IsApiKey(string? candidate) => _apiKeyHash is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(Hash(candidate), _apiKeyHash);

    /// <summary>True when <paramref name="candidate"/> is the silo key (compared in constant time).</summary>
    public bool IsSiloKey(string? candidate) => candidate is not null && CryptographicOperations.FixedTimeEquals(Hash(candidate), _siloKeyHash);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string CheckLength(string name, string value) => value.Length >= MinimumKeyLength
        ? value
        : throw new InvalidOperationException($"{name} is {value.Length} characters long; use at least {MinimumKeyLength} (e.g. openssl rand -hex 32)");
}
