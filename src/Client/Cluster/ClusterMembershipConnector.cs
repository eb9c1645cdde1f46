using OrleansProc.Client.Cli;
using OrleansProc.DevCluster;
using OrleansProc.Security;

namespace OrleansProc.Client.Cluster;

/// <summary>
/// How <c>dev up</c> asks the cluster it started which silos are active: an Orleans client with this console's storage
/// and TLS settings. A cluster that cannot be reached yet is <see cref="ClusterNotReadyException"/> (dev up asks again);
/// settings that cannot be used end the command.
/// </summary>
internal sealed class ClusterMembershipConnector : IClusterConnector
{
    private (StorageSettings Storage, TlsSettings? Tls)? _settings;

    public async Task<IClusterMembership> ConnectAsync(CancellationToken cancellationToken = default)
    {
        _settings ??= (StorageSettings.FromEnvironment(), TlsSettings.FromEnvironment());
        try
        {
            return new ClusterMembership(await ClusterConnection.ConnectAsync(_settings.Value.Storage, _settings.Value.Tls, cancellationToken));
        }
        catch (Exception exception) when (exception is CommandException or OrleansException or TimeoutException)
        {
            throw new ClusterNotReadyException(ClusterUnreachable.Shorten(exception.Message), exception);
        }
    }
}
