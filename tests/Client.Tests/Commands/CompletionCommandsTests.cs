using OrleansProc.TestSupport;
using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Commands;

namespace OrleansProc.Client.Tests.Commands;

public sealed class CompletionCommandsTests
{
    private static async Task<(int ExitCode, string[] Lines)> RunAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var console = new ConsoleContext { Out = output, Error = new StringWriter(), Time = new ManualTimeProvider(DateTimeOffset.UnixEpoch) };
        var exitCode = await ClientApplication.RunAsync(args, console);
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<string> SubcommandNames(string path) =>
        path.Split(' ').Aggregate(CommandTree.Build(new ConsoleContext { Out = TextWriter.Null, Error = TextWriter.Null }), (command, name) => command.Subcommands.Single(c => c.Name == name))
            .Subcommands.Where(c => !c.Hidden).Select(c => c.Name);

    [Theory]
    [InlineData("dataset")]
    [InlineData("job")]
    [InlineData("dev")]
    public async Task Complete_AfterACommand_ListsItsSubcommands(string command)
    {
        var (exitCode, lines) = await RunAsync(CompletionCommands.CompleteName, "--", command, "");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Subset(lines.ToHashSet(), SubcommandNames(command).ToHashSet());
    }

    [Fact]
    public async Task Complete_PartialCommand_OnlyMatchingNames()
    {
        var (_, lines) = await RunAsync(CompletionCommands.CompleteName, "--", "wo");

        Assert.Equal(["wordcount"], lines);
    }

    [Fact]
    public async Task Complete_FormatValue_TheThreeFormats()
    {
        var (_, lines) = await RunAsync(CompletionCommands.CompleteName, "--", "query", "SELECT 1", "--format", "");

        Assert.Equal(["csv", "json", "table"], lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Complete_PartialFormatValue_TheMatchingFormat()
    {
        var (_, lines) = await RunAsync(CompletionCommands.CompleteName, "--", "job", "list", "--format", "j");

        Assert.Equal(["json"], lines);
    }

    [Fact]
    public async Task Completion_Bash_ScriptRegistersTheFunction()
    {
        var (exitCode, lines) = await RunAsync("completion", "bash");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("complete -o default -F _orleansproc_complete orleansproc ./orleansproc", lines);
        Assert.Contains(lines, l => l.Contains(CompletionCommands.CompleteName, StringComparison.Ordinal));
    }

    [Fact]
    public void Tree_EveryVisibleCommand_HasExamples()
    {
        var root = CommandTree.Build(new ConsoleContext { Out = TextWriter.Null, Error = TextWriter.Null });
        var missing = new List<string>();
        void Walk(Command command, string path)
        {
            if (command is not DocumentedCommand { Examples.Count: > 0 })
            {
                missing.Add(path);
            }

            foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            {
                Walk(sub, $"{path} {sub.Name}");
            }
        }

        Walk(root, root.Name);

        Assert.Empty(missing);
    }
}
