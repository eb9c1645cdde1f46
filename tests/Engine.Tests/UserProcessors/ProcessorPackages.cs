using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.UserProcessors;

/// <summary>The processor packages the test project's build copies to processors/NAME/, and sales files to run them over.</summary>
internal static class ProcessorPackages
{
    public const string TestProcessors = "OrleansProc.TestProcessors";
    public const string Sha256Rounds = "OrleansProc.Sha256Rounds";
    public const string AccessLogStats = "OrleansProc.AccessLogStats";
    public const string HttpLookup = "OrleansProc.HttpLookup";

    /// <summary>The package folder of <paramref name="assemblyName"/>.</summary>
    public static string Folder(string assemblyName) => Path.Join(AppContext.BaseDirectory, "processors", assemblyName);

    /// <summary>The spec of processor <paramref name="name"/> of package <paramref name="assemblyName"/>.</summary>
    public static ProcessorSpec Spec(string assemblyName, string? name, params string[] arguments) => new()
    {
        Kind = ProcessorKind.User,
        PackageFolder = Folder(assemblyName),
        ProcessorName = name,
        Arguments = Engine.UserProcessors.ProcessorArgumentsText.Format(arguments.Select(Engine.UserProcessors.ProcessorArgumentsText.ParsePair)),
    };

    /// <summary>Writes <paramref name="parts"/> parts of the sales dataset (seed 7) under <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyList<string>> WriteSalesAsync(string folder, long rows, int parts)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var part = 0; part < parts; part++)
        {
            var path = Path.Join(folder, $"sales-{part}.csv");
            await using (var file = File.Create(path))
            {
                await SalesDataGenerator.WriteCsvAsync(file, SalesDataGenerator.RowsInPart(rows, parts, part), 7, part);
            }

            files.Add(path);
        }

        return files;
    }

    /// <summary>The records of <see cref="WriteSalesAsync"/>, from the generator.</summary>
    public static List<SalesRecord> SalesRecords(long rows, int parts) =>
        [.. Enumerable.Range(0, parts).SelectMany(part => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(rows, parts, part), 7, part))];

    /// <summary>Runs <paramref name="spec"/> over <paramref name="files"/> locally.</summary>
    public static Task<LocalRunResult> RunAsync(
        ProcessorSpec spec, IReadOnlyList<string> files, long? partitionSize = null, int parallelism = 4, string? output = null, IProcessorFactory? factory = null) =>
        new LocalJobRunner(factory).RunAsync(new LocalJob
        {
            Files = files,
            Processor = spec,
            PartitionSize = partitionSize,
            DegreeOfParallelism = parallelism,
            OutputDirectory = output,
        });
}
