namespace OrleansProc.Engine.Isolation;

/// <summary>
/// A processor run under <c>--isolation process</c> failed in its worker process: it threw, hung past the request
/// timeout, went past the memory cap or ended the process. Only that worker was stopped; the attempt may be retried.
/// </summary>
public sealed class IsolatedProcessorException : Exception
{
    /// <summary>An error with <paramref name="message"/>: what failed and why.</summary>
    public IsolatedProcessorException(string message)
        : base(message)
    {
    }

    /// <summary>An error with <paramref name="message"/> and its cause.</summary>
    public IsolatedProcessorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error without a message.</summary>
    public IsolatedProcessorException()
    {
    }
}
