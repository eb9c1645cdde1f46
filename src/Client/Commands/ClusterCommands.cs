using System.CommandLine;
using System.Globalization;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Cluster;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Commands;

/// <summary><c>cluster status</c>: the silos and the partitions they run.</summary>
internal static class ClusterCommands
{
    public static Command Create(ConsoleContext console)
    {
        var command = new DocumentedCommand("cluster", "Look at the cluster the client connects to.", "./orleansproc cluster status");
        var format = CommonOptions.Format();
        var status = new DocumentedCommand("status",
            "List the silos of the cluster: address, name, status, partition slots, partitions running and completed, rows and MB read,\n" +
            "and the read rate over the last 5 s (rows/s, MB/s).",
            "./orleansproc cluster status",
            "./orleansproc cluster status --format json") { format };
        status.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var asked = console.Time.GetTimestamp();
                var silos = await cluster.Client.GetGrain<IClusterStatusGrain>(0).GetSilosAsync(cancellationToken);
                var answeredIn = console.Time.GetElapsedTime(asked);
                var (columns, rows) = Table(silos);
                ResultWriters.For(parsed.GetValue(format)).Write(console.Out, columns, rows);
                console.Error.WriteLine(
                    $"{silos.Count(s => IsActive(s.Status))} active silos in {cluster.Settings.Where}; the cluster answered in {answeredIn.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
                return ExitCodes.Success;
            },
            cancellationToken));
        command.Subcommands.Add(status);
        return command;
    }

    public static bool IsActive(string status) => status.Equals("Active", StringComparison.OrdinalIgnoreCase);

    public static (IReadOnlyList<ResultColumn> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows) Table(IReadOnlyList<SiloInfo> silos)
    {
        ResultColumn[] columns =
        [
            new("address", "VARCHAR"), new("name", "VARCHAR"), new("status", "VARCHAR"), new("slots", "BIGINT"), new("running", "BIGINT"),
            new("completed", "BIGINT"), new("rows", "BIGINT"), new("mb_read", "DOUBLE"), new("rows_per_s", "BIGINT"), new("mb_per_s", "DOUBLE"),
        ];
        var rows = silos
            .OrderBy(s => IsActive(s.Status) ? 0 : 1)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Address, StringComparer.Ordinal)
            .Select(s => (IReadOnlyList<string?>)[
                s.Address, s.Name, s.Status, Invariant(s.Slots), Invariant(s.PartitionsRunning), Invariant(s.PartitionsCompleted), Invariant(s.RowsRead),
                (s.BytesRead / 1e6).ToString("0.0", CultureInfo.InvariantCulture),
                Invariant((long)Math.Round(s.RowsPerSecond)), (s.BytesPerSecond / 1e6).ToString("0.0", CultureInfo.InvariantCulture)])
            .ToList();
        return (columns, rows);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
