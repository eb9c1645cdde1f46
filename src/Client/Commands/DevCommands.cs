using System.CommandLine;
using System.Text.Json;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Output;
using OrleansProc.DevCluster;

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

    /// <summary>The supervisor of the local cluster under the repository root, writing its progress to stderr.</summary>
    public static DevSupervisor Supervisor(ConsoleContext console) => new(DevPaths.Find(), console.Error, console.Time);

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
            var supervisor = Supervisor(console);
            await supervisor.UpAsync(parsed.GetValue(silos), TimeSpan.FromSeconds(parsed.GetValue(timeout)), new ClusterMembershipConnector(), cancellationToken);
            WriteStatus(console, supervisor, OutputFormat.Table);
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
            WriteStatus(console, Supervisor(console), parsed.GetValue(format) == "json" ? OutputFormat.Json : OutputFormat.Table);
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
            await Supervisor(console).DownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>dev status</c>: one JSON line, or the table of processes (a note on stderr when nothing runs).</summary>
    internal static void WriteStatus(ConsoleContext console, DevSupervisor supervisor, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            console.Out.WriteLine(supervisor.StatusJson().ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            return;
        }

        var rows = supervisor.StatusRows();
        if (rows.Count == 0)
        {
            console.Error.WriteLine("nothing runs: no Azurite on 127.0.0.1:10000 and no silos started by dev up (./orleansproc dev up)");
            return;
        }

        new TableResultWriter().Write(console.Out, DevSupervisor.StatusColumns, rows);
    }
}
