namespace OrleansProc.Contracts.Security;

/// <summary>
/// The request-context entries that say who makes a grain call: a client puts the API key under <see cref="ApiKey"/>,
/// a silo puts the silo key under <see cref="SiloKey"/> on every call it makes (clients never hold the silo key).
/// </summary>
public static class CallKeys
{
    /// <summary>The request-context entry of the client's API key (ORLEANSPROC_API_KEY).</summary>
    public const string ApiKey = "orleansproc-api-key";

    /// <summary>The request-context entry that marks a call made by a silo.</summary>
    public const string SiloKey = "orleansproc-silo-key";
}
