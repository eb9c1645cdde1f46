using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Dev;

namespace OrleansProc.Client.Commands;

/// <summary><c>dev up | status | down</c>: the local cluster of Azurite and silo processes.</summary>
internal static class DevCommands
{
    public static Command Create(ConsoleContext console)
    {
        var command = new DocumentedCommand("dev",
            "Run a local cluster on this machine: Azurite (blob and table storage) and silo processes in the background.\n" +
            "State and logs live in .orleansproc/ under the repository root.",
            "./orleansproc dev up --silos 3",
            "./orleansproc dev status --format json",
            "./orleansproc dev down");
        command.Subcommands.Add(Up(console));
        command.Subcommands.Add(Status(console));
        command.Subcommands.Add(Down(console));
        return command;
    }

    public static Option<int> SilosOption()
    {
        var silos = new Option<int>("--silos", "-n") { Description = "how many silo processes (default 2)", HelpName = "N", DefaultValueFactory = _ => 2 };
        silos.AddRange(1, 16);
        return silos;
    }

    public static Option<int> TimeoutOption()
    {
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for the silos to join the cluster (default 60)", HelpName = "SECONDS", DefaultValueFactory = _ => 60 };
        timeout.AddRange(1, 3600);
        return timeout;
    }

    private static Command Up(ConsoleContext console)
    {
        var silos = SilosOption();
        var timeout = TimeoutOption();
        var command = new DocumentedCommand("up",
            "Start Azurite (unless one already listens on 127.0.0.1:10000) and N silos in the background; returns when the\n" +
            "silos are active in the cluster. When silos already run, starts only the missing ones.",
            "./orleansproc dev up",
            "./orleansproc dev up --silos 4") { silos, timeout };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var paths = DevPaths.Find();
            var cluster = new DevCluster(paths, console);
            await cluster.UpAsync(parsed.GetValue(silos), TimeSpan.FromSeconds(parsed.GetValue(timeout)), cancellationToken);
            cluster.WriteStatus(Output.OutputFormat.Table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(ConsoleContext console)
    {
        var format = new Option<string>("--format", "-f") { Description = "output format: table or json", HelpName = "table|json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new DocumentedCommand("status",
            "Show what runs: Azurite and each silo, with pid, ports and log file.",
            "./orleansproc dev status",
            "./orleansproc dev status --format json") { format };
        command.SetAction(parsed =>
        {
            new DevCluster(DevPaths.Find(), console).WriteStatus(parsed.GetValue(format) == "json" ? Output.OutputFormat.Json : Output.OutputFormat.Table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Down(ConsoleContext console)
    {
        var command = new DocumentedCommand("down",
            "Stop what dev up started: the silos (TERM, then KILL after 10 s) and Azurite if dev up started it.",
            "./orleansproc dev down");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await new DevCluster(DevPaths.Find(), console).DownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
