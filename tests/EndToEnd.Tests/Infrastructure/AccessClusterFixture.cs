namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster of its own whose silos and client hold an API key (ORLEANSPROC_API_KEY) and whose silos hold a silo key of
/// their own (ORLEANSPROC_SILO_KEY, never given to the client).
/// </summary>
public sealed class AccessClusterFixture : ClusterFixture
{
    public string ApiKey { get; } = $"key-{Guid.NewGuid():N}";

    /// <summary>The client's environment without the API key: a client that has no credentials.</summary>
    public IReadOnlyDictionary<string, string> KeylessEnvironment =>
        ClientEnvironment.Where(e => e.Key != "ORLEANSPROC_API_KEY").ToDictionary();

    protected override IReadOnlyDictionary<string, string> SharedEnvironment => new Dictionary<string, string>
    {
        ["ORLEANSPROC_API_KEY"] = ApiKey,
    };

    protected override IReadOnlyDictionary<string, string> SiloEnvironment { get; } = new Dictionary<string, string>
    {
        ["ORLEANSPROC_SILO_KEY"] = $"silo-{Guid.NewGuid():N}",
    };
}
