namespace OrleansProc.Contracts.Cluster;

/// <summary>The silos of the cluster with their load (key: 0).</summary>
[Alias("OrleansProc.IClusterStatusGrain")]
public interface IClusterStatusGrain : IGrainWithIntegerKey
{
    [Alias("GetSilos")]
    Task<IReadOnlyList<SiloInfo>> GetSilosAsync(CancellationToken cancellationToken = default);
}
