using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Local;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Sql;

namespace OrleansProc.Client.Commands;

/// <summary>
/// The options every job command takes (--format, --detach, --partition-size, --skip-bad-records, --strict-quotes,
/// --delimiter for local files, --snapshot), and how such a
/// command runs: in this process over local files (local mode), or on the cluster.
/// </summary>
internal sealed class JobCommandOptions
{
    public Option<OutputFormat> Format { get; } = CommonOptions.Format();

    public Option<bool> Detach { get; } = CommonOptions.Detach();

    public Option<long?> PartitionSize { get; } = CommonOptions.PartitionSize();

    public Option<bool> SkipBadRecords { get; } = CommonOptions.SkipBadRecords();

    public Option<bool> StrictQuotes { get; } = CommonOptions.StrictQuotes();

    public Option<char?> Delimiter { get; } = CommonOptions.Delimiter("of local files (a dataset's is set at upload)");

    public Option<SnapshotMode> Snapshot { get; } = SnapshotOption.Create();

    public Option<TimeSpan?> PartitionTimeout { get; } = PartitionTimeoutOption.Create();

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Detach);
        command.Options.Add(PartitionSize);
        command.Options.Add(SkipBadRecords);
        command.Options.Add(StrictQuotes);
        command.Options.Add(Delimiter);
        command.Options.Add(Snapshot);
        command.Options.Add(PartitionTimeout);
    }

    /// <summary>
    /// Runs <paramref name="spec"/> (its partition size and bad-record handling taken from the options): over the
    /// local files of <paramref name="localPath"/>, computing <paramref name="localProcessor"/> (its query parsed already:
    /// <paramref name="localQuery"/>, or null), when it is given, else on the cluster.
    /// </summary>
    public Task<int> RunAsync(
        ConsoleContext console,
        ParseResult parsed,
        JobSpec spec,
        string? localPath,
        ProcessorSpec localProcessor,
        SqlQuery? localQuery,
        CancellationToken cancellationToken)
    {
        spec = spec with
        {
            PartitionSize = parsed.GetValue(PartitionSize),
            SkipBadRecords = parsed.GetValue(SkipBadRecords),
            StrictQuotes = parsed.GetValue(StrictQuotes),
            Snapshot = parsed.GetValue(Snapshot),
            PartitionTimeout = parsed.GetValue(PartitionTimeout),
        };
        var delimiter = parsed.GetValue(Delimiter);
        var format = parsed.GetValue(Format);
        var detach = parsed.GetValue(Detach);
        if (localPath is not null)
        {
            if (detach)
            {
                throw CommandException.Usage($"'{localPath}' names local files, read in this process: --detach needs a dataset on the cluster");
            }

            var dialect = new LocalCsvDialect(delimiter, spec.StrictQuotes);
            return new LocalJobRun(console).RunAsync(localPath, localProcessor, localQuery, format, spec.PartitionSize, spec.SkipBadRecords, dialect, spec.Sql, cancellationToken);
        }

        if (delimiter is not null)
        {
            throw CommandException.Usage("--delimiter applies to local files; a dataset's delimiter is set by 'dataset upload --delimiter'");
        }

        if (console.Cluster is { } cluster)
        {
            return cluster.RunAsync(console, spec, format, detach, cancellationToken);
        }

        return Task.FromResult(console.HandOff is { } handOff ? handOff() : throw new InvalidOperationException("this console has neither the cluster nor a managed client to hand off to"));
    }
}
