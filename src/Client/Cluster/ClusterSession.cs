using OrleansProc.Security;

namespace OrleansProc.Client.Cluster;

/// <summary>Runs a piece of work with a connection to the cluster named by the environment (over TLS when it says so), closing it after.</summary>
internal static class ClusterSession
{
    public static async Task<int> RunAsync(Func<ClusterConnection, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var cluster = await ClusterConnection.ConnectAsync(StorageSettings.FromEnvironment(), TlsSettings.FromEnvironment(), cancellationToken);
        return await work(cluster);
    }
}
