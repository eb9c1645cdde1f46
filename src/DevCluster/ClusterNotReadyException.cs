namespace OrleansProc.DevCluster;

/// <summary>
/// The cluster could not be asked yet (no gateway up, storage not answering): <c>dev up</c> waits and asks again. The
/// message is the shortened reason it shows when it gives up.
/// </summary>
public sealed class ClusterNotReadyException : Exception
{
    public ClusterNotReadyException()
    {
    }

    public ClusterNotReadyException(string message)
        : base(message)
    {
    }

    public ClusterNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
