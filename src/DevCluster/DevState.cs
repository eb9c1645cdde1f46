namespace OrleansProc.DevCluster;

/// <summary>What <c>dev up</c> started, kept in <c>.orleansproc/dev.json</c>.</summary>
internal sealed record DevState
{
    public AzuriteState? Azurite { get; init; }

    public IReadOnlyList<SiloState> Silos { get; init; } = [];
}
