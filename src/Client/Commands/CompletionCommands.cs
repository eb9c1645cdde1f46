using System.CommandLine;
using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Commands;

/// <summary>
/// Shell completion from System.CommandLine's own completions: <c>completion bash</c> prints a script for
/// <c>complete -F</c>, which asks the hidden <c>__complete WORDS...</c> for the candidates of the last word.
/// </summary>
internal static class CompletionCommands
{
    public const string CompleteName = "__complete";

    public static Command Create(ConsoleContext console)
    {
        var shell = new Argument<string>("shell") { Description = "the shell: bash (zsh: run 'autoload bashcompinit && bashcompinit' first)" };
        shell.AcceptOnlyFromAmong("bash");
        var command = new DocumentedCommand("completion",
            "Print a shell script that completes orleansproc's commands, options and values on Tab.",
            "source <(./orleansproc completion bash)",
            "./orleansproc completion bash >> ~/.bashrc") { shell };
        command.SetAction(_ => console.Out.Write(BashScript));
        return command;
    }

    /// <summary>The hidden command the script calls: prints the completions of the last word, one a line.</summary>
    public static Command CreateComplete(Command root, ConsoleContext console)
    {
        var words = new Argument<string[]>("words") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(CompleteName, "Completions for a partial command line (used by the completion script).") { words };
        command.Hidden = true;
        command.SetAction(parsed =>
        {
            // The words back into one line, the last one (maybe empty) being completed at its end.
            var line = string.Join(' ', (parsed.GetValue(words) ?? []).Select(Quote));
            foreach (var item in root.Parse(line).GetCompletions(line.Length).Select(c => c.Label).Distinct(StringComparer.Ordinal))
            {
                console.Out.WriteLine(item);
            }
        });
        return command;
    }

    private static string Quote(string word) => word.Any(c => char.IsWhiteSpace(c) || c == '"')
        ? $"\"{word.Replace("\"", "\\\"", StringComparison.Ordinal)}\""
        : word;

    private const string BashScript = """
        # orleansproc completion for bash: source <(./orleansproc completion bash)
        _orleansproc_complete() {
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _orleansproc_complete orleansproc ./orleansproc

        """;
}
