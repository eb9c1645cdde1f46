namespace OrleansProc.Sdk;

/// <summary>A processor's argument (<c>--arg key=value</c>) is missing or does not parse as the type asked for.</summary>
public sealed class ProcessorArgumentException : Exception
{
    /// <summary>An empty exception.</summary>
    public ProcessorArgumentException()
    {
    }

    /// <summary>An exception with a message that names the argument and what is wrong with it.</summary>
    public ProcessorArgumentException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message and its cause.</summary>
    public ProcessorArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
