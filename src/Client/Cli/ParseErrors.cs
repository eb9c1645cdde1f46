using System.CommandLine;

namespace OrleansProc.Client.Cli;

/// <summary>Turns System.CommandLine's parse errors into one line that says what is wrong and where to look.</summary>
internal static class ParseErrors
{
    public static string Describe(ParseResult parsed)
    {
        var first = parsed.Errors.Count > 0 ? parsed.Errors[0].Message : "invalid command line";
        var message = ConsoleContext.OneLine(first).TrimEnd('.');
        if (message.Length > 0 && char.IsUpper(message[0]) && (message.Length == 1 || !char.IsUpper(message[1])))
        {
            message = char.ToLowerInvariant(message[0]) + message[1..];
        }

        var more = parsed.Errors.Count > 1 ? $" (and {parsed.Errors.Count - 1} more)" : string.Empty;
        return $"{message}{more}; see {CommandPath(parsed.CommandResult)} --help";
    }

    /// <summary>The command as typed, e.g. "./orleansproc dataset show".</summary>
    public static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(current.Command is RootCommand or { Name: CommandTree.RootName } ? CommandTree.Invocation : current.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
