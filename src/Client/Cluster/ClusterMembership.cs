using OrleansProc.Client.Cli;
using OrleansProc.Client.Commands;
using OrleansProc.Contracts.Cluster;
using OrleansProc.DevCluster;

namespace OrleansProc.Client.Cluster;

/// <summary>The active silos as the cluster's status grain lists them, over one client connection.</summary>
internal sealed class ClusterMembership(ClusterConnection connection) : IClusterMembership
{
    public async Task<IReadOnlyList<SiloInfo>> ActiveSilosAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var listed = await connection.Client.GetGrain<IClusterStatusGrain>(0).GetSilosAsync(cancellationToken);
            return listed.Where(s => ClusterCommands.IsActive(s.Status)).ToList();
        }
        catch (Exception exception) when (exception is CommandException or OrleansException or TimeoutException)
        {
            throw new ClusterNotReadyException(ClusterUnreachable.Shorten(exception.Message), exception);
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
