using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Commands;

/// <summary><c>demo</c>: a local cluster, a generated dataset, an aggregate query and a word count, end to end.</summary>
internal static class DemoCommand
{
    public const string Dataset = "demo";

    public const long Rows = 200_000;

    public const int Parts = 4;

    public const string Query =
        "SELECT country, COUNT(*) AS orders, SUM(quantity) AS items, AVG(amount) AS avg_amount, MIN(amount) AS min_amount, MAX(amount) AS max_amount " +
        "FROM demo WHERE quantity >= 2 GROUP BY country ORDER BY orders DESC LIMIT 10";

    public static Command Create(ConsoleContext console)
    {
        var silos = DevCommands.SilosOption();
        var command = new DocumentedCommand("demo",
            $"Run the demo end to end: dev up (unless a cluster runs), generate {Rows:N0} sales rows as dataset '{Dataset}',\n" +
            "run an aggregate query and a word count, print both as tables with their times, then stop what it started.",
            "./orleansproc demo") { silos };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var dev = DevCommands.Supervisor(console);
            console.Error.WriteLine("== dev up");
            try
            {
                await dev.UpAsync(parsed.GetValue(silos), TimeSpan.FromSeconds(60), new ClusterMembershipConnector(), cancellationToken);
                return await RunAsync(console, cancellationToken);
            }
            finally
            {
                console.Error.WriteLine("== stopping what the demo started");
                await dev.StopStartedAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ConsoleContext console, CancellationToken cancellationToken)
    {
        console.Error.WriteLine($"== dataset generate {Dataset} --rows {Rows} --parts {Parts}");
        var generate = await ClientApplication.RunAsync(["dataset", "generate", Dataset, "--rows", Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--parts", Parts.ToString(System.Globalization.CultureInfo.InvariantCulture)], console);
        if (generate != ExitCodes.Success)
        {
            return generate;
        }

        return await ClusterSession.RunAsync(
            async cluster =>
            {
                var jobs = new JobClient(cluster, console);
                console.Out.WriteLine();
                console.Out.WriteLine($"-- {Query}");
                await console.Out.FlushAsync(cancellationToken);
                var query = await jobs.RunAsync(new JobSpec { Kind = JobKind.Query, Sql = Query }, OutputFormat.Table, detach: false, cancellationToken);
                if (query != ExitCodes.Success)
                {
                    return query;
                }

                console.Out.WriteLine();
                console.Out.WriteLine($"-- wordcount {Dataset} --column comment --top 10");
                await console.Out.FlushAsync(cancellationToken);
                return await jobs.RunAsync(new JobSpec { Kind = JobKind.WordCount, Dataset = Dataset, Column = "comment", Top = 10 }, OutputFormat.Table, detach: false, cancellationToken);
            },
            cancellationToken);
    }
}
