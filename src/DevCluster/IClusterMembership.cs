using OrleansProc.Contracts.Cluster;

namespace OrleansProc.DevCluster;

/// <summary>A connection to the cluster that tells which silos its membership lists as active.</summary>
public interface IClusterMembership : IAsyncDisposable
{
    /// <summary>The active silos; throws <see cref="ClusterNotReadyException"/> when the cluster does not answer.</summary>
    Task<IReadOnlyList<SiloInfo>> ActiveSilosAsync(CancellationToken cancellationToken = default);
}
