namespace OrleansProc.Engine.Isolation;

/// <summary>A worker process stopped answering (it ended, or the watchdog stopped it); the message says why.</summary>
internal sealed class WorkerFaultException : Exception
{
    public WorkerFaultException(string message)
        : base(message)
    {
    }

    public WorkerFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WorkerFaultException()
    {
    }
}
