using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Local;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Commands;

/// <summary><c>run NAME[:PROCESSOR] DATASET</c>: runs a stored user processor over a dataset on the cluster.</summary>
internal static class RunCommand
{
    public static Command Create(ConsoleContext console)
    {
        var processor = new Argument<string>("processor") { Description = "the processor package's name in the store (see: processor list), optionally :PROCESSOR when it holds several", HelpName = "NAME[:PROCESSOR]" };
        var dataset = CommonOptions.DatasetName("the dataset to read");
        dataset.HelpName = "DATASET";
        var arguments = ProcessorArgumentOption.Create();
        var isolation = new Option<string>("--isolation") { Description = "where the processor runs on the silos: thread (their thread pool, the default) or process (worker processes: a crash, hang or leak kills only the worker)", HelpName = "thread|process", DefaultValueFactory = _ => "thread" };
        isolation.AcceptOnlyFromAmong([.. ProcessorRuns.IsolationNames]);
        var version = new Option<string?>("--version") { Description = "run this stored version (or a unique prefix of it) instead of the latest", HelpName = "V" };
        var outputFormat = CommonOptions.OutputFileFormat();
        outputFormat.Description = "the file format a map processor writes its output dataset (ID-out) in: csv or parquet";
        var options = new JobCommandOptions();
        var command = new DocumentedCommand("run",
            "Run a stored user processor over a dataset on the cluster, as a job: partitions, retries, progress, results.\n" +
            "The job is pinned to the processor's latest version at submit (or --version): a newer upload does not change it.\n" +
            "An aggregate processor prints its result like a query; a map processor writes its rows to the dataset ID-out.\n" +
            "Ctrl+C detaches (the job goes on; see job watch); a second Ctrl+C quits at once.",
            "./orleansproc run hashing sales --arg rounds=1000",
            "./orleansproc run logtools:StatusCounts access-logs --format json",
            "./orleansproc run hashing sales --isolation process --detach",
            "./orleansproc run cleaner sales --output-format parquet   (a map: rows go to the dataset ID-out)",
            "./orleansproc run hashing sales --version 3f2a9c01")
        {
            processor, dataset, arguments, isolation, version, outputFormat,
        };
        options.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var (package, name) = Split(parsed.GetRequiredValue(processor));
            var source = parsed.GetRequiredValue(dataset);
            if (parsed.GetValue(options.Delimiter) is not null)
            {
                throw CommandException.Usage("--delimiter applies to local files; a dataset's delimiter is set by 'dataset upload --delimiter'");
            }

            var spec = new JobSpec
            {
                Kind = JobKind.Run,
                Processor = package,
                ProcessorName = name,
                ProcessorVersion = parsed.GetValue(version),
                Dataset = source,
                Arguments = ProcessorArgumentOption.Parse(parsed.GetValue(arguments)),
                Isolation = parsed.GetValue(isolation) is "process" ? "process" : null,
                OutputFormat = parsed.GetValue(outputFormat) == "parquet" ? "parquet" : null,
                PartitionSize = parsed.GetValue(options.PartitionSize),
                SkipBadRecords = parsed.GetValue(options.SkipBadRecords),
                StrictQuotes = parsed.GetValue(options.StrictQuotes),
                Snapshot = parsed.GetValue(options.Snapshot),
            };
            return ClusterSession.RunAsync(
                cluster => new JobClient(cluster, console).RunAsync(spec, parsed.GetValue(options.Format), parsed.GetValue(options.Detach), cancellationToken),
                cancellationToken);
        });
        return command;
    }

    /// <summary>NAME or NAME:PROCESSOR, each checked.</summary>
    private static (string Package, string? Processor) Split(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var package = colon < 0 ? text : text[..colon];
        var processor = colon < 0 ? null : text[(colon + 1)..];
        if (LocalPaths.IsPath(package))
        {
            throw CommandException.Usage($"'{package}' names local files: run a stored processor by its name (see: processor list), or upload it first with ./orleansproc processor upload");
        }

        if (Names.Validate(package, "processor") is { } error)
        {
            throw CommandException.Usage(error);
        }

        if (processor is { Length: 0 })
        {
            throw CommandException.Usage($"'{text}' names no processor after ':' (NAME:PROCESSOR)");
        }

        return (package, processor);
    }
}
