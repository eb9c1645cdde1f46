namespace OrleansProc.Contracts.Security;

/// <summary>
/// A silo refused a grain call: the caller gave no API key or a wrong one, or it called a grain method that only silos
/// may call. The message says which, on one line, and never holds a key.
/// </summary>
[GenerateSerializer]
[Alias("OrleansProc.AccessDeniedException")]
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException()
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
