namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// A user processor threw: the message is <c>processor NAME failed in partition P: ExceptionType: message</c> (or
/// <c>in the merge</c>), and <see cref="Exception.InnerException"/> is the processor's own exception.
/// </summary>
public sealed class UserProcessorException : Exception
{
    public UserProcessorException()
        : base("a processor failed")
    {
    }

    public UserProcessorException(string message)
        : base(message)
    {
    }

    public UserProcessorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The processor's name.</summary>
    public string? ProcessorName { get; private init; }

    /// <summary>The partition it failed in, or -1 in the merge or the finish.</summary>
    public int Partition { get; private init; } = -1;

    /// <summary>Wraps <paramref name="error"/>, thrown by processor <paramref name="processor"/> in <paramref name="partition"/> (-1: the merge).</summary>
    public static UserProcessorException Wrap(string processor, int partition, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var where = partition >= 0 ? $"in partition {partition.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "in the merge";
        return new UserProcessorException($"processor {processor} failed {where}: {error.GetType().Name}: {error.Message}", error)
        {
            ProcessorName = processor,
            Partition = partition,
        };
    }
}
