using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Cluster;

/// <summary>Builds the one error line for a cluster that cannot be reached.</summary>
internal static class ClusterUnreachable
{
    public const string Hint = "is it running? try ./orleansproc dev up";

    public static CommandException Error(StorageSettings settings, string reason, Exception? inner = null)
    {
        var message = $"cannot reach the {settings.Where}: {Shorten(reason)}: {Hint}";
        return inner is null ? new CommandException(message, ExitCodes.Failure) : new CommandException(message, ExitCodes.Failure, inner);
    }

    /// <summary>Why the client could not connect, in the user's words where the cause is known.</summary>
    public static string Reason(Exception exception) => exception.Message switch
    {
        var message when message.Contains("Could not find any gateway", StringComparison.Ordinal) => "no silo of the cluster is up",
        var message => message,
    };

    /// <summary>The first line of an exception message, cut to a readable length.</summary>
    public static string Shorten(string reason)
    {
        var line = reason.Split('\n', 2)[0].Trim().TrimEnd('.');
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
