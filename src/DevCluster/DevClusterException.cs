namespace OrleansProc.DevCluster;

/// <summary>
/// The local cluster cannot be started, shown or stopped. The message says what, where and why on one line, names the
/// log to read, and never holds a secret; the console prints it as its <c>error:</c> line.
/// </summary>
public sealed class DevClusterException : Exception
{
    public DevClusterException()
    {
    }

    public DevClusterException(string message)
        : base(message)
    {
    }

    public DevClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
