namespace OrleansProc.Client.Cli;

/// <summary>
/// Ends a command with one <c>error:</c> line on stderr and the given exit status. The message says what, where
/// and why, on one line, and never holds a secret.
/// </summary>
internal sealed class CommandException : Exception
{
    public CommandException(string message, int exitCode = ExitCodes.Failure)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CommandException(string message, int exitCode, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public CommandException()
    {
    }

    public CommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Failure;

    public static CommandException Usage(string message) => new(message, ExitCodes.Usage);
}
