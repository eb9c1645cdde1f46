namespace OrleansProc.Grains.Jobs;

/// <summary>A job's result has more rows than <see cref="JobOptions.MaxResultRows"/>; the message names the limit.</summary>
public sealed class ResultTooLargeException : Exception
{
    public ResultTooLargeException()
    {
    }

    public ResultTooLargeException(string message)
        : base(message)
    {
    }

    public ResultTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
