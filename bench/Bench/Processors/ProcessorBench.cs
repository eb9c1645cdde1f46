using System.Diagnostics;
using OrleansProc.Bench.Cluster;
using OrleansProc.Engine.Isolation;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Bench.Processors;

/// <summary>
/// <c>./orleansproc bench processor PACKAGE[:NAME] 'path/*.csv' [--arg k=v]... [--runs N] [--partition-size BYTES] [--lookup-latency MS] [--local]</c>:
/// the seed's question for the user's own code: in local mode the processor one partition at a time, on threads with
/// slots = cores and with many slots, and under <c>--isolation process</c> with the same slot counts; then on two silo
/// processes (<see cref="TwoSiloProcessorBench"/>); best wall time, speed-up, CPU seconds (this process and its
/// workers; the silos and theirs), peak memory per process, and a recommendation.
/// </summary>
internal static class ProcessorBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [] or ["-h" or "--help", ..])
        {
            Help();
            return args.Length == 0 ? 2 : 0;
        }

        var (options, error) = ProcessorBenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine($"error: {error}; see bench processor --help");
            return 2;
        }

        var (folder, name) = Package(options.Package);
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"error: the package '{options.Package}' does not exist: give a built processor .dll or its folder (dotnet build -c Release first)");
            return 2;
        }

        IReadOnlyList<string> files;
        try
        {
            files = LocalJobRunner.ExpandPaths(options.Files);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        var runs = options.Runs;
        var partitionSize = options.PartitionSize;
        await using var lookup = options.LookupLatency is { } l ? new LatencyLookupServer(l) : null;
        var pairs = options.Arguments.ToList();
        if (lookup is not null)
        {
            pairs.Add(new("url", lookup.Url));
        }

        var spec = new ProcessorSpec
        {
            Kind = ProcessorKind.User,
            PackageFolder = folder,
            ProcessorName = name,
            Arguments = ProcessorArgumentsText.Format(pairs),
        };
        var cores = Environment.ProcessorCount;
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.Error.WriteLine($"bench processor: {PackageName(folder)}{(name is null ? string.Empty : ":" + name)} over {files.Count} files, {bytes / 1e6:N1} MB; {cores} cores; best of {runs}");

        var rows = new List<ProcessorBenchRow>();
        var load = ProcessStats.LoadAverage();
        void SampleLoad() => load = ProcessStats.LoadAverage() is { } now && now > (load ?? 0) ? now : load;
        IReadOnlyList<IReadOnlyList<string?>>? firstAnswer = null;
        bool Agrees(ProcessorBenchConfiguration configuration, IReadOnlyList<IReadOnlyList<string?>> answer)
        {
            firstAnswer ??= answer;
            if (ProcessorAnswers.Difference(firstAnswer, answer) is { } difference)
            {
                Console.Error.WriteLine($"bench processor: the answer of '{configuration.Name}' differs from one partition at a time's: {difference}");
                return false;
            }

            return true;
        }

        foreach (var configuration in ProcessorBenchConfiguration.Local(cores))
        {
            var (row, answer) = await MeasureAsync(configuration, spec with { Isolation = configuration.Isolation }, files, runs, partitionSize, rows.FirstOrDefault()?.Seconds);
            rows.Add(row);
            if (!Agrees(configuration, answer))
            {
                return 1;
            }

            Console.Error.WriteLine($"  {configuration.Name}: {row.Seconds:N2} s");
            SampleLoad();
        }

        var notes = new List<string>();
        if (options.LocalOnly)
        {
            notes.Add("two silos: skipped (--local)");
        }
        else
        {
            var (cluster, skipped) = await TwoSiloProcessorBench.StartAsync(folder, files);
            if (cluster is null)
            {
                Console.Error.WriteLine($"bench processor: the two-silo rows are skipped: {skipped}");
                notes.Add($"two silos: skipped: {skipped}");
            }
            else
            {
                await using (cluster)
                {
                    var arguments = pairs.Count == 0 ? null : pairs.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal); // the last of a repeated key wins, as in run
                    foreach (var configuration in ProcessorBenchConfiguration.TwoSilos(cores))
                    {
                        ProcessorBenchRow row;
                        IReadOnlyList<IReadOnlyList<string?>> answer;
                        try
                        {
                            (row, answer) = await cluster.MeasureAsync(configuration, name, arguments, runs, partitionSize, rows[0].Seconds);
                        }
                        catch (Exception e) when (e is InvalidOperationException or OrleansException or TimeoutException)
                        {
                            Console.Error.WriteLine($"bench processor: {configuration.Name}: {e.Message}");
                            notes.Add($"{configuration.Name}: failed: {e.Message.Split('\n')[0]}");
                            continue;
                        }

                        rows.Add(row);
                        if (!Agrees(configuration, answer))
                        {
                            return 1;
                        }

                        Console.Error.WriteLine($"  {configuration.Name}: {row.Seconds:N2} s");
                        SampleLoad();
                    }
                }
            }
        }

        if (ProcessorBenchReport.LoadNote(load, cores) is { } busy)
        {
            notes.Insert(0, busy);
        }

        Console.WriteLine(ProcessorBenchReport.Text(rows, notes, ProcessorBenchReport.Recommendations(rows)));
        return 0;
    }

    private static void Help()
    {
        Console.WriteLine("usage: ./orleansproc bench processor PACKAGE[:NAME] 'path/*.csv' [--arg k=v]... [--runs N] [--partition-size BYTES] [--lookup-latency MS] [--local]");
        Console.WriteLine("  Runs the processor in local mode one partition at a time, on threads with slots = cores and with many slots,");
        Console.WriteLine("  in worker processes (--isolation process) with the same slots; then on two silo processes (slots = cores each, thread");
        Console.WriteLine("  and process isolation) over Azurite started here (infra/node_modules: run npm ci in infra/): the package stored with");
        Console.WriteLine("  processor upload, the files uploaded as a dataset, run NAME DATASET timed from submit to result. Prints each");
        Console.WriteLine("  configuration's best time, speed-up, CPU seconds, peak memory per process (silos, workers, Azurite) and a");
        Console.WriteLine("  recommendation; every configuration's answer must agree.");
        Console.WriteLine("  PACKAGE          a built processor .dll or its folder (samples/processors/X/bin/Release/net10.0)");
        Console.WriteLine("  --arg            an argument of the processor, key=value (repeatable)");
        Console.WriteLine("  --runs           timed runs per configuration, the best counts (default 2, after one warm-up run)");
        Console.WriteLine("  --partition-size the partition size in bytes (default: local mode's and the cluster's; small files are packed into one partition)");
        Console.WriteLine("  --lookup-latency start an HTTP lookup service answering after MS milliseconds and pass it as --arg url=... (the I/O sample)");
        Console.WriteLine("  --local          local mode only: skip the two-silo rows (no Azurite, no silos)");
        Console.WriteLine("examples:");
        Console.WriteLine("  ./orleansproc bench processor samples/processors/Sha256Rounds/bin/Release/net10.0 'data/*.csv' --arg rounds=100 --runs 1");
        Console.WriteLine("  ./orleansproc bench processor samples/processors/HttpLookup/bin/Release/net10.0 'small/*.csv' --lookup-latency 20 --partition-size 16384");
        Console.WriteLine("  ./orleansproc bench processor samples/processors/AccessLogStats/bin/Release/net10.0 'logs/*.log' --local");
    }

    private static async Task<(ProcessorBenchRow Row, IReadOnlyList<IReadOnlyList<string?>> Answer)> MeasureAsync(
        ProcessorBenchConfiguration configuration, ProcessorSpec spec, IReadOnlyList<string> files, int runs, long? partitionSize, double? oneAtATime)
    {
        var slots = configuration.Slots;
        using var pool = spec.Isolation == ProcessorIsolation.Process ? new WorkerPool(WorkerPoolOptions.FromEnvironment(slots)) : null;
        var factory = pool is null ? ProcessorFactory.Instance : new ProcessorFactory(new IsolatedProcessorFactory(pool));
        var self = Environment.ProcessId;
        var answer = await RunOnceAsync(factory, spec, files, slots, partitionSize); // warm-up: JIT, page cache, workers started
        var best = double.MaxValue;
        double cpu = 0;
        long hostPeak = 0, workerPeak = 0;
        for (var run = 0; run < runs; run++)
        {
            ProcessStats.ResetPeak(self);
            var workers = pool?.WorkerProcessIds() ?? [];
            foreach (var pid in workers)
            {
                ProcessStats.ResetPeak(pid);
            }

            var cpuBefore = ProcessStats.CpuSeconds(self) + ProcessStats.EndedChildrenCpuSeconds(self) + workers.Sum(ProcessStats.CpuSeconds);
            var clock = Stopwatch.StartNew();
            answer = await RunOnceAsync(factory, spec, files, slots, partitionSize);
            var seconds = clock.Elapsed.TotalSeconds;
            workers = pool?.WorkerProcessIds() ?? [];
            var cpuUsed = ProcessStats.CpuSeconds(self) + ProcessStats.EndedChildrenCpuSeconds(self) + workers.Sum(ProcessStats.CpuSeconds) - cpuBefore; // a worker that ended meanwhile still counts
            if (seconds < best)
            {
                best = seconds;
                cpu = cpuUsed;
            }

            hostPeak = Math.Max(hostPeak, ProcessStats.PeakBytes(self) ?? 0);
            workerPeak = Math.Max(workerPeak, workers.Select(pid => ProcessStats.PeakBytes(pid) ?? 0).DefaultIfEmpty(0).Max());
        }

        var processes = 1 + (pool?.WorkerProcessIds().Count ?? 0);
        return (new ProcessorBenchRow(configuration, best, (oneAtATime ?? best) / best, cpu, hostPeak / 1e6, workerPeak / 1e6, processes), answer);
    }

    private static async Task<IReadOnlyList<IReadOnlyList<string?>>> RunOnceAsync(IProcessorFactory factory, ProcessorSpec spec, IReadOnlyList<string> files, int slots, long? partitionSize)
    {
        var result = await new LocalJobRunner(factory).RunAsync(new LocalJob { Files = files, Processor = spec, DegreeOfParallelism = slots, PartitionSize = partitionSize });
        return result.Table.TextRows();
    }

    /// <summary>The package's assembly name (its single .deps.json), else the folder's name.</summary>
    private static string PackageName(string folder) =>
        Directory.GetFiles(folder, "*.deps.json") is [var deps] ? Path.GetFileName(deps)[..^".deps.json".Length] : Path.GetFileName(folder);

    /// <summary>A built package: a .dll (its folder) or a folder; <c>:NAME</c> picks a processor.</summary>
    private static (string Folder, string? Name) Package(string reference)
    {
        string? name = null;
        var colon = reference.LastIndexOf(':');
        if (colon > 0 && !reference[(colon + 1)..].Contains('/', StringComparison.Ordinal))
        {
            name = reference[(colon + 1)..];
            reference = reference[..colon];
        }

        var path = Path.GetFullPath(reference);
        return (File.Exists(path) ? Path.GetDirectoryName(path)! : path, string.IsNullOrEmpty(name) ? null : name);
    }
}
