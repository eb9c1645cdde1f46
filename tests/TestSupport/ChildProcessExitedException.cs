namespace OrleansProc.TestSupport;

/// <summary>A child process ended before it said it was ready (for a server: often a port taken in the meantime).</summary>
public sealed class ChildProcessExitedException : InvalidOperationException
{
    public ChildProcessExitedException(string message)
        : base(message)
    {
    }

    public ChildProcessExitedException()
    {
    }

    public ChildProcessExitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
