using OrleansProc.Contracts;

namespace OrleansProc.Client.Cluster;

/// <summary>
/// Where the cluster is: the storage connection string (<c>ORLEANSPROC_STORAGE</c>, default Azurite's development
/// storage), the cluster id (<c>ORLEANSPROC_CLUSTER</c>, default "dev") and the service id. <see cref="Where"/> names
/// the place without any secret.
/// </summary>
internal sealed record StorageSettings(string ConnectionString, string ClusterId, string ServiceId)
{
    public static StorageSettings FromEnvironment() =>
        new(StorageNames.ConnectionString, StorageNames.ClusterId, StorageNames.ServiceId);

    /// <summary>The table endpoint (clustering), or null when the connection string names an account without endpoints.</summary>
    public Uri? TableEndpoint => Endpoint("TableEndpoint", 10002);

    public Uri? BlobEndpoint => Endpoint("BlobEndpoint", 10000);

    /// <summary>A secret-free description: the cluster id and the storage host or account.</summary>
    public string Where
    {
        get
        {
            var place = TableEndpoint is { } table
                ? $"table storage {table.Host}:{table.Port}"
                : Value("AccountName") is { } account ? $"storage account '{account}'" : "the configured storage";
            return $"cluster '{ClusterId}' ({place})";
        }
    }

    private Uri? Endpoint(string key, int developmentPort)
    {
        if (Value("UseDevelopmentStorage") is { } development && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri($"http://127.0.0.1:{developmentPort}/devstoreaccount1");
        }

        return Value(key) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }

    private string? Value(string key)
    {
        foreach (var part in ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>Never prints the connection string.</summary>
    public override string ToString() => Where;
}
