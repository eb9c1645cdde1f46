using System.Text;
using OrleansProc.Contracts;

namespace OrleansProc.Client.Cli;

/// <summary>Where a command writes and what it knows of its terminal: results to <see cref="Out"/>, everything else to <see cref="Error"/>.</summary>
internal sealed record ConsoleContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>True when stderr is a terminal: progress is then a live line redrawn in place.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The terminal's width in columns when stderr is a terminal and it is known: a live progress line is cut to fit.</summary>
    public int? TerminalWidth { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Signalled by Ctrl+C.</summary>
    public CancellationToken Interrupt { get; init; }

    /// <summary>Runs job commands on the cluster: set by the managed client's <see cref="ClientApplication"/>, null in the Native AOT front door.</summary>
    public IClusterJobs? Cluster { get; init; }

    /// <summary>
    /// In the Native AOT front door (no <see cref="Cluster"/>): runs the whole command line in the managed client
    /// instead and returns its exit status only when that fails; null in the managed client.
    /// </summary>
    public Func<int>? HandOff { get; init; }

    /// <summary>The process's console; stdout is buffered (results can be large) and flushed when a command ends.</summary>
    public static ConsoleContext FromSystemConsole(CancellationToken interrupt, Func<int>? handOff = null) => new()
    {
        HandOff = handOff,
        Out = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = false },
        Error = Console.Error,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        TerminalWidth = Console.IsErrorRedirected ? null : WindowWidth(),
        Interrupt = interrupt,
    };

    private static int? WindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (Exception exception) when (exception is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A progress display on stderr fitted to this console.</summary>
    public Jobs.ProgressReporter CreateProgress() => new(Error, ErrorIsTerminal, Time, TerminalWidth);

    /// <summary>Writes one <c>error:</c> line on stderr (newlines in the message are flattened).</summary>
    public void WriteError(string message) => Error.WriteLine("error: " + OneLine(message));

    /// <summary>Text for one line of output, with any storage secret in it masked (see <see cref="SecretText"/>).</summary>
    public static string OneLine(string text) =>
        SecretText.Scrub(text).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Trim();
}
