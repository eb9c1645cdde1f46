using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Commands;

namespace OrleansProc.Client.Local;

/// <summary>
/// The command line of the Native AOT front door (src/LocalClient): a query over local files and a word count of local
/// files run in that process, through the same commands as the managed client (<see cref="QueryCommand"/>,
/// <see cref="WordCountCommand"/>, <see cref="ClientApplication"/>); everything else (help, the other commands, a parse
/// error, a query or word count of a cluster dataset) is handed to the managed client with the same arguments
/// (<see cref="ConsoleContext.HandOff"/>), so it answers exactly as before.
/// </summary>
internal static class LocalFrontDoor
{
    /// <summary>The commands the front door parses itself; it runs them when they name local files.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["query", "wordcount"];

    private static readonly string[] HelpTokens = ["-h", "--help", "-?", "/h", "/?"];

    /// <summary>True when the front door parses <paramref name="args"/> itself: one of <see cref="Commands"/> first and no help asked for.</summary>
    public static bool MayRunHere(IReadOnlyList<string> args) =>
        args.Count > 0 && Commands.Contains(args[0]) && !args.Any(a => HelpTokens.Contains(a));

    /// <summary>The front door's tree: the root's name and the commands of <see cref="Commands"/>, built as <see cref="CommandTree"/> builds them.</summary>
    public static Command BuildTree(ConsoleContext console)
    {
        var root = new Command(CommandTree.RootName);
        root.Subcommands.Add(QueryCommand.Create(console));
        root.Subcommands.Add(WordCountCommand.Create(console));
        return root;
    }

    /// <summary>Runs <paramref name="args"/> here when <see cref="MayRunHere"/> and they parse, else hands them off.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, ConsoleContext console)
    {
        var handOff = console.HandOff ?? throw new ArgumentException("the front door's console needs a hand-off to the managed client", nameof(console));
        if (!MayRunHere(args))
        {
            return Task.FromResult(handOff());
        }

        var parsed = BuildTree(console).Parse(args);
        return parsed.Errors.Count > 0 ? Task.FromResult(handOff()) : ClientApplication.RunAsync(parsed, console);
    }
}
