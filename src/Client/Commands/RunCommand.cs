using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Local;
using OrleansProc.Client.Processors;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Client.Commands;

/// <summary>
/// <c>run PROCESSOR INPUT</c>: runs a user processor (OrleansProc.Sdk). Over a dataset on the cluster, PROCESSOR is a
/// package stored with <c>processor upload</c> (pinned to its latest version at submit); over local files (local
/// mode), a built .dll, its folder or a processor project, run in this process with the same partitions, output shapes
/// and errors as <c>query</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create(ConsoleContext console)
    {
        var package = new Argument<string>("package")
        {
            Description = "the processor: on the cluster, a package's name in the store (see: processor list); in local mode, a built .dll, its folder, " +
                "or a processor project folder (built with dotnet build -c Release first); :NAME picks one of several processors",
            HelpName = "PACKAGE[:NAME]",
        };
        var input = new Argument<string>("input")
        {
            Description = "the dataset to read, or local files: a file, folder or glob (local mode: runs in this process)",
            HelpName = "DATASET|'path/*.csv'",
        };
        var arguments = ProcessorOptions.Arguments();
        var isolation = ProcessorOptions.Isolation();
        var version = new Option<string?>("--version") { Description = "on the cluster: run this stored version (or a unique prefix of it) instead of the latest", HelpName = "V" };
        var outputFormat = CommonOptions.OutputFileFormat();
        var options = new JobCommandOptions();
        var command = new DocumentedCommand("run",
            "Run your own C# processor (a class derived from AggregateProcessor<T> or MapProcessor of OrleansProc.Sdk, see: processor new)\n" +
            "and print its result like a query's. On the cluster, over a dataset, the processor is a package uploaded with processor\n" +
            "upload; the job is pinned to its latest version at submit (or --version), so a newer upload does not change a running job,\n" +
            "and a map writes its rows to the dataset ID-out. Over local files it runs in this process on every core (a map's rows are\n" +
            "counted and previewed). The processor's exceptions fail the run naming the processor and the partition (exit 1).",
            "./orleansproc processor upload ./myproc && ./orleansproc run myproc sales --arg rounds=1000",
            "./orleansproc run logtools:access-log-stats logs --format json --isolation process",
            "./orleansproc run myproc sales --version 3f2a9c01 --detach",
            "./orleansproc run ./myproc 'data/*.csv'   (local mode: a processor project folder, built first)",
            "./orleansproc run ./myproc/bin/Release/net10.0/MyProc.dll 'data/*.csv' --format json",
            "./orleansproc run samples/processors/Sha256Rounds 'sales/*.csv' --arg rounds=5000")
        {
            package, input, arguments, isolation, version, outputFormat,
        };
        options.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var reference = ProcessorPackageReference.Parse(parsed.GetRequiredValue(package));
            var source = parsed.GetRequiredValue(input);
            var pairs = (parsed.GetValue(arguments) ?? []).Select(ProcessorArgumentsText.ParsePair).ToList();
            var writes = parsed.GetValue(outputFormat) == "parquet" ? DataFormat.Parquet : DataFormat.Csv;
            if (!LocalPaths.IsPath(source))
            {
                return await RunOnClusterAsync(console, parsed, options, reference, source, pairs, parsed.GetValue(isolation), parsed.GetValue(version), writes, cancellationToken);
            }

            if (parsed.GetValue(version) is not null)
            {
                throw CommandException.Usage("--version picks a stored version of a package on the cluster; in local mode the package is the path given");
            }

            var folder = reference.ProjectFile() is { } project
                ? await ProcessorProjectBuilder.BuildAsync(project, console.Error, cancellationToken)
                : reference.BuiltFolder();
            var spec = new ProcessorSpec
            {
                Kind = ProcessorKind.User,
                PackageFolder = Path.GetFullPath(folder),
                ProcessorName = reference.ProcessorName,
                Arguments = ProcessorArgumentsText.Format(pairs),
                Isolation = parsed.GetValue(isolation),
                OutputFormat = writes,
            };
            return await options.RunAsync(console, parsed, new JobSpec(), source, spec, localQuery: null, cancellationToken);
        });
        return command;
    }

    private static Task<int> RunOnClusterAsync(
        ConsoleContext console,
        ParseResult parsed,
        JobCommandOptions options,
        ProcessorPackageReference reference,
        string dataset,
        IReadOnlyList<KeyValuePair<string, string>> pairs,
        ProcessorIsolation isolation,
        string? version,
        DataFormat writes,
        CancellationToken cancellationToken)
    {
        if (Names.Validate(reference.Path, "processor") is { } badName)
        {
            throw CommandException.Usage(LocalPaths.IsPath(reference.Path)
                ? $"'{reference.Path}' is a local package but '{dataset}' is a dataset: on the cluster run a stored package by its name (upload it with ./orleansproc processor upload {reference.Path})"
                : badName);
        }

        if (Names.Validate(dataset, "dataset") is { } badDataset)
        {
            throw CommandException.Usage(badDataset);
        }

        var byKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
        {
            byKey[key] = value; // the last of a repeated key wins, as in local mode
        }

        var spec = new JobSpec
        {
            Kind = JobKind.Run,
            Processor = reference.Path,
            ProcessorName = reference.ProcessorName,
            ProcessorVersion = version,
            Dataset = dataset,
            Arguments = byKey.Count == 0 ? null : byKey.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Isolation = isolation == ProcessorIsolation.Process ? "process" : null,
            OutputFormat = writes == DataFormat.Parquet ? "parquet" : null,
        };
        return options.RunAsync(console, parsed, spec, localPath: null, new ProcessorSpec(), localQuery: null, cancellationToken);
    }
}
