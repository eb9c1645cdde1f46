using System.CommandLine;
using OrleansProc.Client.Commands;

namespace OrleansProc.Client.Cli;

/// <summary>Turns System.CommandLine's parse errors into one line that says what is wrong and where to look.</summary>
internal static class ParseErrors
{
    public static string Describe(ParseResult parsed)
    {
        // The most telling first: a word that is not understood explains the rest ("required command was not provided").
        var messages = parsed.Errors
            .Select(e => Sentence(e.Message))
            .OrderBy(m => m.StartsWith("unrecognized", StringComparison.Ordinal) ? 0 : 1)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var what = messages.Count > 0 ? string.Join("; ", messages) : "invalid command line";
        return $"{what}; see {CommandPath(parsed.CommandResult)} --help";
    }

    private static string Sentence(string message)
    {
        var text = ConsoleContext.OneLine(message).TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>The command as typed, e.g. "./orleansproc dataset show".</summary>
    public static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(current.Command.Name == CommandTree.RootName ? CommandTree.Invocation : current.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
