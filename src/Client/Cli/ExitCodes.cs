namespace OrleansProc.Client.Cli;

/// <summary>The exit statuses of the console, a contract scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A job failed or was cancelled, the cluster is unreachable, or something else went wrong at run time.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: an unknown command or option, a missing or invalid argument, a bad query.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
