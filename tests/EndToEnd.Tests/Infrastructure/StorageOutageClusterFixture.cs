namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster of its own whose Azurite keeps its data on disk, so a test can stop it and start it again on the same
/// ports (a storage outage); jobs give up on storage after <see cref="OutageLimitSeconds"/>.
/// </summary>
public sealed class StorageOutageClusterFixture : ClusterFixture
{
    public const int OutageLimitSeconds = 45;

    protected override bool StorageOnDisk => true;

    protected override IReadOnlyDictionary<string, string> SiloEnvironment { get; } = new Dictionary<string, string>
    {
        ["ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS"] = $"{OutageLimitSeconds}",
    };
}
