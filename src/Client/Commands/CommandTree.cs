using System.CommandLine;
using System.CommandLine.Help;
using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Commands;

/// <summary>The whole command line of <c>./orleansproc</c>.</summary>
internal static class CommandTree
{
    public const string RootName = "orleansproc";

    public const string Invocation = "./orleansproc";

    public static Command Build(ConsoleContext console)
    {
        var help = new HelpOption();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!);
        var root = new DocumentedCommand(
            RootName,
            "OrleansProc: SQL aggregates, word counts and transforms over datasets in blob storage, run by Orleans silos.\n" +
            "Results go to stdout; progress and messages to stderr. Exit status: 0 success; 1 a job failed or was cancelled,\n" +
            "or the cluster is unreachable; 2 bad usage or a bad query; 130 interrupted (Ctrl+C).\n" +
            "Storage: ORLEANSPROC_STORAGE (a connection string; default Azurite on 127.0.0.1); cluster id: ORLEANSPROC_CLUSTER (default dev).",
            "./orleansproc demo",
            "./orleansproc dev up && ./orleansproc dataset generate sales --rows 1000000",
            "./orleansproc query \"SELECT country, COUNT(*) AS n FROM sales GROUP BY country ORDER BY n DESC\"")
        {
            help,
            new VersionOption(),
        };
        root.Subcommands.Add(DevCommands.Create(console));
        root.Subcommands.Add(DatasetCommands.Create(console));
        root.Subcommands.Add(QueryCommand.Create(console));
        root.Subcommands.Add(WordCountCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(ProcessorCommands.Create(console));
        root.Subcommands.Add(JobCommands.Create(console));
        root.Subcommands.Add(ClusterCommands.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(CompletionCommands.Create(console));
        root.Subcommands.Add(CompletionCommands.CreateComplete(root, console));
        return root;
    }
}
