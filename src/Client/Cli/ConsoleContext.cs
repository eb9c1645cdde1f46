namespace OrleansProc.Client.Cli;

/// <summary>Where a command writes and what it knows of its terminal: results to <see cref="Out"/>, everything else to <see cref="Error"/>.</summary>
internal sealed class ConsoleContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>True when stderr is a terminal: progress is then a live line redrawn in place.</summary>
    public bool ErrorIsTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Signalled by Ctrl+C.</summary>
    public CancellationToken Interrupt { get; init; }

    public static ConsoleContext FromSystemConsole(CancellationToken interrupt) => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        Interrupt = interrupt,
    };

    /// <summary>Writes one <c>error:</c> line on stderr (newlines in the message are flattened).</summary>
    public void WriteError(string message) => Error.WriteLine("error: " + OneLine(message));

    public static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Trim();
}
