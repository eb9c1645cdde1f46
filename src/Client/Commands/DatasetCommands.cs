using System.CommandLine;
using System.Globalization;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Datasets;
using OrleansProc.Client.Jobs;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;
using OrleansProc.SampleData;

namespace OrleansProc.Client.Commands;

/// <summary><c>dataset upload | generate | list | show | delete</c>.</summary>
internal static class DatasetCommands
{
    public static Command Create(ConsoleContext console)
    {
        var command = new DocumentedCommand("dataset",
            "Manage datasets: named sets of CSV, JSON Lines or text blobs (optionally gzipped) with a schema.",
            "./orleansproc dataset upload sales ./exports/",
            "./orleansproc dataset list");
        command.Subcommands.Add(Upload(console));
        command.Subcommands.Add(Generate(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Show(console));
        command.Subcommands.Add(Delete(console));
        return command;
    }

    private static Command Upload(ConsoleContext console)
    {
        var name = CommonOptions.DatasetName("the dataset's name (letters, digits, '_', '-', '.')");
        var paths = new Argument<string[]>("path") { Description = "files or folders (taken recursively) to upload", HelpName = "PATH", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "the files' format when their extensions do not tell it", HelpName = "csv|jsonl|text|parquet" };
        format.AcceptOnlyFromAmong([.. DatasetFiles.Formats]);
        var schema = new Option<string?>("--schema") { Description = "the columns and types instead of inferring them, e.g. \"ts TIMESTAMP, user_id BIGINT, amount DOUBLE\"", HelpName = "\"col TYPE, ...\"" };
        var delimiter = CommonOptions.Delimiter("of the files, recorded in the dataset");
        var strictQuotes = CommonOptions.StrictQuotes();
        var command = new DocumentedCommand("upload",
            "Upload files or folders as a dataset (replacing it if it exists); the format comes from the extensions\n" +
            "(.csv, .jsonl/.json, .txt/.log, each optionally .gz; .parquet or a file starting with PAR1) or --format, the\n" +
            "schema is inferred (read from a Parquet file's footer) or given with --schema.",
            "./orleansproc dataset upload sales ./sales-2024.csv ./sales-2025.csv",
            "./orleansproc dataset upload logs ./logs/ --format text",
            "./orleansproc dataset upload events ./events.jsonl.gz --schema \"ts TIMESTAMP, user VARCHAR, value DOUBLE\"",
            "./orleansproc dataset upload flights ./flights-3m.parquet")
        {
            name, paths, format, schema, delimiter, strictQuotes,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var dataset = parsed.GetRequiredValue(name);
            var files = DatasetFiles.Collect(parsed.GetRequiredValue(paths));
            var resolved = DatasetFiles.ResolveFormat(files, parsed.GetValue(format));
            var registration = new DatasetRegistration
            {
                Format = resolved,
                Schema = parsed.GetValue(schema),
                Delimiter = parsed.GetValue(delimiter),
                StrictQuotes = parsed.GetValue(strictQuotes),
            };
            return ClusterSession.RunAsync(
                async cluster =>
                {
                    var uploader = new DatasetUploader(cluster.Blobs, console);
                    var replaced = await uploader.DeleteExistingAsync(dataset, cancellationToken);
                    if (replaced > 0)
                    {
                        console.Error.WriteLine($"replacing dataset '{dataset}' ({replaced} old blobs deleted)");
                    }

                    var elapsed = await uploader.UploadAsync(dataset, files, cancellationToken);
                    var bytes = files.Sum(f => f.Length);
                    console.Error.WriteLine($"uploaded {files.Count} files, {ByteSize.Format(bytes)} in {ByteSize.Seconds(elapsed)} ({ByteSize.Rate(bytes, elapsed)})");
                    try
                    {
                        return await RegisterAsync(cluster, console, dataset, registration, cancellationToken);
                    }
                    catch (CommandException refused)
                    {
                        // Refused files (binary data, a bad header) must not stay behind as a dataset without a catalog entry.
                        await uploader.DeleteExistingAsync(dataset, CancellationToken.None);
                        await cluster.Client.GetGrain<IDatasetGrain>(dataset).DeleteAsync(CancellationToken.None);
                        throw new CommandException($"{refused.Message}; the uploaded blobs were deleted, dataset '{dataset}' does not exist now", refused.ExitCode, refused);
                    }
                },
                cancellationToken);
        });
        return command;
    }

    private static Command Generate(ConsoleContext console)
    {
        var name = CommonOptions.DatasetName("the dataset's name");
        var rows = new Option<long>("--rows", "-n") { Description = "how many rows in all", HelpName = "N", Required = true };
        rows.AddRange(0, 10_000_000_000);
        var parts = new Option<int>("--parts", "-p") { Description = "how many CSV blobs (default 4)", HelpName = "P", DefaultValueFactory = _ => 4 };
        parts.AddRange(1, 10_000);
        var seed = new Option<int>("--seed", "-s") { Description = "the random seed: the same seed gives the same data (default 42)", HelpName = "S", DefaultValueFactory = _ => 42 };
        var command = new DocumentedCommand("generate",
            "Generate the synthetic sales dataset (ts, user_id, country, category, amount, quantity, comment) straight into\n" +
            "blob storage as P CSV parts, replacing the dataset if it exists. Deterministic for a seed.",
            "./orleansproc dataset generate sales --rows 1000000",
            "./orleansproc dataset generate big --rows 50000000 --parts 16 --seed 7")
        {
            name, rows, parts, seed,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var dataset = parsed.GetRequiredValue(name);
            return ClusterSession.RunAsync(
                async cluster =>
                {
                    var total = parsed.GetValue(rows);
                    var partCount = parsed.GetValue(parts);
                    await new DatasetUploader(cluster.Blobs, console).DeleteExistingAsync(dataset, cancellationToken);
                    var (bytes, elapsed) = await new DatasetGenerator(cluster.Blobs, console)
                        .GenerateAsync(dataset, total, partCount, parsed.GetValue(seed), cancellationToken);
                    console.Error.WriteLine(
                        $"generated {total.ToString("N0", CultureInfo.InvariantCulture)} rows in {partCount} parts, {ByteSize.Format(bytes)} in {ByteSize.Seconds(elapsed)} " +
                        $"({ByteSize.Rate(bytes, elapsed)}, {(elapsed > TimeSpan.Zero ? total / elapsed.TotalSeconds : 0).ToString("N0", CultureInfo.InvariantCulture)} rows/s)");
                    var registration = new DatasetRegistration { Format = "csv", Schema = SalesDataGenerator.SchemaSpec };
                    return await RegisterAsync(cluster, console, dataset, registration, cancellationToken);
                },
                cancellationToken);
        });
        return command;
    }

    private static Command List(ConsoleContext console)
    {
        var format = CommonOptions.Format();
        var command = new DocumentedCommand("list", "List the datasets: name, format, blobs, size, columns.", "./orleansproc dataset list") { format };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var datasets = await cluster.Client.GetGrain<IDatasetDirectoryGrain>(0).ListAsync(cancellationToken);
                ResultColumn[] columns = [new("name", "VARCHAR"), new("format", "VARCHAR"), new("blobs", "BIGINT"), new("bytes", "BIGINT"), new("columns", "BIGINT"), new("registered", "TIMESTAMP")];
                var rows = datasets.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => (IReadOnlyList<string?>)[
                    d.Name, d.Format, Invariant(d.Blobs), Invariant(d.Bytes), Invariant(d.Columns.Count),
                    d.RegisteredAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)]).ToList();
                ResultWriters.For(parsed.GetValue(format)).Write(console.Out, columns, rows);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command Show(ConsoleContext console)
    {
        var name = CommonOptions.DatasetName();
        var command = new DocumentedCommand("show", "Show a dataset: format, blobs, size and its columns with their types.", "./orleansproc dataset show sales") { name };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var dataset = parsed.GetRequiredValue(name);
                var info = await cluster.Client.GetGrain<IDatasetGrain>(dataset).GetAsync(cancellationToken) ?? throw NoSuchDataset(dataset);
                WriteLines(console.Out, DatasetSummaryText.Lines(info));
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command Delete(ConsoleContext console)
    {
        var name = CommonOptions.DatasetName();
        var command = new DocumentedCommand("delete", "Delete a dataset: its blobs and its catalog entry.", "./orleansproc dataset delete sales") { name };
        command.SetAction((parsed, cancellationToken) => ClusterSession.RunAsync(
            async cluster =>
            {
                var dataset = parsed.GetRequiredValue(name);
                if (!await cluster.Client.GetGrain<IDatasetGrain>(dataset).DeleteAsync(cancellationToken))
                {
                    throw NoSuchDataset(dataset);
                }

                console.Error.WriteLine($"deleted dataset '{dataset}'");
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RegisterAsync(ClusterConnection cluster, ConsoleContext console, string dataset, DatasetRegistration registration, CancellationToken cancellationToken)
    {
        var outcome = await cluster.Client.GetGrain<IDatasetGrain>(dataset).RegisterAsync(registration, cancellationToken);
        if (outcome.Error is { } error || outcome.Dataset is null)
        {
            throw CommandException.Usage(outcome.Error ?? $"dataset '{dataset}' was not registered");
        }

        WriteLines(console.Out, DatasetSummaryText.Lines(outcome.Dataset));
        return ExitCodes.Success;
    }

    private static CommandException NoSuchDataset(string dataset) => CommandException.Usage($"no dataset named '{dataset}' (see: ./orleansproc dataset list)");

    private static void WriteLines(TextWriter output, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
