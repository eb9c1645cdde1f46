using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrleansProc.Bench.Cluster;
using OrleansProc.Engine.Isolation;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Bench.Processors;

/// <summary>
/// <c>./orleansproc bench processor PACKAGE[:NAME] 'path/*.csv' [--arg k=v]... [--runs N] [--partition-size BYTES] [--lookup-latency MS]</c>: the
/// seed's question for the user's own code, in local mode: the processor one partition at a time, on threads with
/// slots = cores and with many slots, and under <c>--isolation process</c> with the same slot counts; best wall time,
/// speed-up, CPU seconds (this process and its workers), peak memory per process, and a recommendation.
/// </summary>
internal static class ProcessorBench
{
    private const int ManySlotsPerCore = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: ./orleansproc bench processor PACKAGE[:NAME] 'path/*.csv' [--arg k=v]... [--runs N] [--partition-size BYTES] [--lookup-latency MS]");
            Console.WriteLine("  PACKAGE          a built processor .dll or its folder (samples/processors/X/bin/Release/net10.0)");
            Console.WriteLine("  --runs           timed runs per configuration, the best counts (default 2, after one warm-up run)");
            Console.WriteLine("  --partition-size the partition size in bytes (default: local mode's; small files are packed into one partition)");
            Console.WriteLine("  --lookup-latency start an HTTP lookup service answering after MS milliseconds and pass it as --arg url=... (the I/O sample)");
            return args.Length < 2 ? 2 : 0;
        }

        var (folder, name) = Package(args[0]);
        var files = LocalJobRunner.ExpandPaths(args[1]);
        var pairs = new List<string>();
        var runs = 2;
        long? partitionSize = null;
        TimeSpan? latency = null;
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--arg" when i + 1 < args.Length: pairs.Add(args[++i]); break;
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--partition-size" when i + 1 < args.Length: partitionSize = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--lookup-latency" when i + 1 < args.Length: latency = TimeSpan.FromMilliseconds(double.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}'; see bench processor --help");
                    return 2;
            }
        }

        await using var lookup = latency is { } l ? new LatencyLookupServer(l) : null;
        if (lookup is not null)
        {
            pairs.Add("url=" + lookup.Url);
        }

        var spec = new ProcessorSpec
        {
            Kind = ProcessorKind.User,
            PackageFolder = folder,
            ProcessorName = name,
            Arguments = ProcessorArgumentsText.Format(pairs.Select(ProcessorArgumentsText.ParsePair)),
        };
        var cores = Environment.ProcessorCount;
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.Error.WriteLine($"bench processor: {Path.GetFileName(folder)}{(name is null ? string.Empty : ":" + name)} over {files.Count} files, {bytes / 1e6:N1} MB; {cores} cores; best of {runs}");

        var configurations = new (string Name, ProcessorIsolation Isolation, int Slots)[]
        {
            ("one partition at a time (thread)", ProcessorIsolation.Thread, 1),
            ($"thread, slots = cores ({cores})", ProcessorIsolation.Thread, cores),
            ($"thread, many slots ({cores * ManySlotsPerCore})", ProcessorIsolation.Thread, cores * ManySlotsPerCore),
            ($"process, slots = cores ({cores})", ProcessorIsolation.Process, cores),
            ($"process, many slots ({cores * ManySlotsPerCore})", ProcessorIsolation.Process, cores * ManySlotsPerCore),
        };
        var rows = new List<ProcessorBenchRow>();
        string? firstAnswer = null;
        foreach (var (configuration, isolation, slots) in configurations)
        {
            var (row, answer) = await MeasureAsync(configuration, spec with { Isolation = isolation }, files, slots, runs, partitionSize, rows.FirstOrDefault()?.Seconds);
            rows.Add(row);
            firstAnswer ??= answer;
            if (answer != firstAnswer)
            {
                Console.Error.WriteLine($"bench processor: the answer of '{configuration}' differs from one partition at a time's");
                return 1;
            }

            Console.Error.WriteLine($"  {configuration}: {row.Seconds:N2} s");
        }

        Console.WriteLine(Text(rows, Recommendations(rows)));
        return 0;
    }

    public static string Text(IReadOnlyList<ProcessorBenchRow> rows, IReadOnlyList<string> recommendations)
    {
        var text = new StringBuilder();
        text.AppendLine("| configuration | seconds | speed-up vs one at a time | CPU seconds | peak memory: host / each worker | processes |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            var worker = r.Processes > 1 ? $"{r.PeakMegabytesWorker:N0} MB" : "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Configuration} | {r.Seconds:N2} | {r.SpeedUp:0.00}x | {r.CpuSeconds:N1} | {r.PeakMegabytesHost:N0} MB / {worker} | {r.Processes} |");
        }

        foreach (var recommendation in recommendations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {recommendation}");
        }

        return text.ToString().TrimEnd();
    }

    private static List<string> Recommendations(IReadOnlyList<ProcessorBenchRow> rows)
    {
        var threads = rows[1];
        var manyThreads = rows[2];
        var processes = rows[3];
        var manyProcesses = rows[4];
        var bestThread = manyThreads.Seconds < threads.Seconds ? manyThreads : threads;
        var bestProcess = manyProcesses.Seconds < processes.Seconds ? manyProcesses : processes;
        var list = new List<string>();
        list.Add(manyThreads.Seconds < threads.Seconds * 0.8
            ? $"The processor waits (I/O): more slots than cores pay ({manyThreads.SpeedUp:0.0}x with {manyThreads.Configuration.Split('(')[1].TrimEnd(')')} slots against {threads.SpeedUp:0.0}x with slots = cores); raise the silo's slots (ORLEANSPROC_SLOTS) for such jobs."
            : $"The processor is CPU-bound: slots = cores is enough ({threads.SpeedUp:0.0}x over one at a time; many slots {manyThreads.SpeedUp:0.0}x).");
        var cost = (bestProcess.Seconds / bestThread.Seconds) - 1;
        list.Add(cost <= 0.15
            ? $"--isolation process costs {cost:P0} of wall time here ({bestProcess.Seconds:N2} s against {bestThread.Seconds:N2} s): use it for code you do not fully trust; a crash, hang or leak then stops only its worker."
            : $"--isolation process costs {cost:P0} of wall time here ({bestProcess.Seconds:N2} s against {bestThread.Seconds:N2} s, the records cross a pipe): keep thread for trusted code, process for untrusted code.");
        return list;
    }

    private static async Task<(ProcessorBenchRow Row, string Answer)> MeasureAsync(
        string configuration, ProcessorSpec spec, IReadOnlyList<string> files, int slots, int runs, long? partitionSize, double? oneAtATime)
    {
        using var pool = spec.Isolation == ProcessorIsolation.Process ? new WorkerPool(WorkerPoolOptions.FromEnvironment(slots)) : null;
        var factory = pool is null ? ProcessorFactory.Instance : new ProcessorFactory(new IsolatedProcessorFactory(pool));
        var self = Environment.ProcessId;
        string answer = await RunOnceAsync(factory, spec, files, slots, partitionSize); // warm-up: JIT, page cache, workers started
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

            var cpuBefore = ProcessStats.CpuSeconds(self) + workers.Sum(ProcessStats.CpuSeconds);
            var clock = Stopwatch.StartNew();
            answer = await RunOnceAsync(factory, spec, files, slots, partitionSize);
            var seconds = clock.Elapsed.TotalSeconds;
            workers = pool?.WorkerProcessIds() ?? [];
            var cpuUsed = ProcessStats.CpuSeconds(self) + workers.Sum(ProcessStats.CpuSeconds) - cpuBefore;
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

    private static async Task<string> RunOnceAsync(IProcessorFactory factory, ProcessorSpec spec, IReadOnlyList<string> files, int slots, long? partitionSize)
    {
        var result = await new LocalJobRunner(factory).RunAsync(new LocalJob { Files = files, Processor = spec, DegreeOfParallelism = slots, PartitionSize = partitionSize });
        return string.Join('\n', result.Table.TextRows().Select(r => string.Join(',', r)));
    }

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
