namespace OrleansProc.DevCluster;

/// <summary>How <c>dev up</c> reaches the cluster it started, as a client does (the console connects over Orleans).</summary>
public interface IClusterConnector
{
    /// <summary>Connects to the cluster; throws <see cref="ClusterNotReadyException"/> while it cannot be reached yet.</summary>
    Task<IClusterMembership> ConnectAsync(CancellationToken cancellationToken = default);
}
