namespace OrleansProc.Grains.Partitions;

/// <summary>A partition attempt that cannot go on; <see cref="Permanent"/> when retrying cannot help.</summary>
public sealed class PartitionFailedException : Exception
{
    public PartitionFailedException(string message, bool permanent)
        : base(message)
    {
        Permanent = permanent;
    }

    public PartitionFailedException()
    {
    }

    public PartitionFailedException(string message)
        : base(message)
    {
    }

    public PartitionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Permanent { get; }
}
