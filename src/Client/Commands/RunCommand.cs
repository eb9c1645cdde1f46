using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Local;
using OrleansProc.Client.Processors;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Client.Commands;

/// <summary>
/// <c>run PACKAGE INPUT</c>: runs a user processor (OrleansProc.Sdk) over local files in this process (local mode),
/// with the same partitions, output shapes and errors as <c>query</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create(ConsoleContext console)
    {
        var package = new Argument<string>("package")
        {
            Description = "the processor: a built .dll, its folder, or a processor project folder (built with dotnet build -c Release first); :NAME picks one of several processors",
            HelpName = "PACKAGE[:NAME]",
        };
        var input = new Argument<string>("input")
        {
            Description = "the local files to read: a file, folder or glob (local mode: runs in this process)",
            HelpName = "'path/*.csv'",
        };
        var arguments = ProcessorOptions.Arguments();
        var isolation = ProcessorOptions.Isolation();
        var outputFormat = CommonOptions.OutputFileFormat();
        var options = new JobCommandOptions();
        var command = new DocumentedCommand("run",
            "Run your own C# processor (a class derived from AggregateProcessor<T> or MapProcessor of OrleansProc.Sdk, see: processor new)\n" +
            "over local files, on every core of this machine, and print its result like a query's. A map's rows are counted and previewed.\n" +
            "The processor's exceptions fail the run naming the processor and the partition (exit 1).",
            "./orleansproc run ./myproc 'data/*.csv'   (a processor project folder: built first)",
            "./orleansproc run ./myproc/bin/Release/net10.0/MyProc.dll 'data/*.csv' --format json",
            "./orleansproc run samples/processors/Sha256Rounds 'sales/*.csv' --arg rounds=5000",
            "./orleansproc run ./tools/bin/Release/net10.0/:access-log-stats 'logs/**/*.log'   (:NAME picks one of several processors)")
        {
            package, input, arguments, isolation, outputFormat,
        };
        options.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var reference = ProcessorPackageReference.Parse(parsed.GetRequiredValue(package));
            var source = parsed.GetRequiredValue(input);
            if (!LocalPaths.IsPath(source))
            {
                throw CommandException.Usage($"'{source}' is not a local file, folder or glob: run reads local files (e.g. 'data/*.csv')");
            }

            var given = parsed.GetValue(arguments) ?? [];
            var argumentText = ProcessorArgumentsText.Format(given.Select(ProcessorArgumentsText.ParsePair));
            var folder = reference.ProjectFile() is { } project
                ? await ProcessorProjectBuilder.BuildAsync(project, console.Error, cancellationToken)
                : reference.BuiltFolder();
            var spec = new ProcessorSpec
            {
                Kind = ProcessorKind.User,
                PackageFolder = Path.GetFullPath(folder),
                ProcessorName = reference.ProcessorName,
                Arguments = argumentText,
                Isolation = parsed.GetValue(isolation),
                OutputFormat = parsed.GetValue(outputFormat) == "parquet" ? DataFormat.Parquet : DataFormat.Csv,
            };
            return await options.RunAsync(console, parsed, new JobSpec(), source, spec, localQuery: null, cancellationToken);
        });
        return command;
    }
}
