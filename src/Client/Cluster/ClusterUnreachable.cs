using OrleansProc.Client.Cli;
using OrleansProc.Security;

namespace OrleansProc.Client.Cluster;

/// <summary>Builds the one error line for a cluster that cannot be reached.</summary>
internal static class ClusterUnreachable
{
    public const string Hint = "is it running? try ./orleansproc dev up";

    /// <summary>After <see cref="Hint"/> when the client without TLS failed to connect to the gateways.</summary>
    public const string PlainTlsHint = $"if its silos use TLS, set {TlsSettings.CertificateVariable}";

    /// <summary>After <see cref="Hint"/> when the client with TLS failed to connect to the gateways.</summary>
    public const string TlsHint = $"if they run, check that their certificates and {TlsSettings.CertificateVariable} trust each other (the silo logs say why a TLS handshake failed)";

    public static CommandException Error(StorageSettings settings, string reason, Exception? inner = null)
    {
        var message = $"cannot reach the {settings.Where}: {Shorten(reason)}: {Hint}";
        return inner is null ? new CommandException(message, ExitCodes.Failure) : new CommandException(message, ExitCodes.Failure, inner);
    }

    /// <summary>
    /// The client found the cluster's storage but could not connect to a gateway: besides the silos not running, a
    /// client and silos that disagree about TLS look just like that, so the line says what to check.
    /// </summary>
    public static CommandException ConnectFailed(StorageSettings settings, Exception exception, bool tls) =>
        new($"cannot reach the {settings.Where}: {Shorten(Reason(exception))}: {Hint}; {(tls ? TlsHint : PlainTlsHint)}", ExitCodes.Failure, exception);

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
