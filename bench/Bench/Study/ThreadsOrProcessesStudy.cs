using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using OrleansProc.Bench.Cluster;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.TestSupport;

namespace OrleansProc.Bench.Study;

/// <summary>
/// Threads or processes, measured: a CPU-bound job (SHA-256 rounds per record; the word count) and an I/O-bound job
/// (a query over many small blobs, also with 20 ms injected per storage request by <see cref="LatencyProxy"/>), run
/// one partition at a time, by one silo with as many slots as cores, by one silo with 16 slots, by two silos, and by
/// the stdlib Python multiprocessing script. All clusters run at once, each over an Azurite of its own (grain state
/// lives in the storage account, so clusters must not share one), and are used round by round, so load from
/// elsewhere hits them alike; each figure is the best round.
/// </summary>
internal sealed class ThreadsOrProcessesStudy(string root, string benchDirectory, IReadOnlyList<string> files, bool quick, int runs)
{
    public const string Name = "threads";
    private const int Seed = 42;
    private const int ShaRounds = 200;
    private const long IoPartitionSize = 32 * 1024;
    private static readonly TimeSpan InjectedLatency = TimeSpan.FromMilliseconds(20);

    private static readonly StudyConfiguration[] Configurations =
    [
        new("one partition at a time (1 silo, 1 slot)", 1, 1),
        new($"one silo, {Environment.ProcessorCount} slots (= cores)", 1, Environment.ProcessorCount),
        new("one silo, 16 slots", 1, 16),
        new($"two silos, {Environment.ProcessorCount} slots each", 2, Environment.ProcessorCount),
    ];

    public bool AnswersAgree { get; private set; } = true;

    public async Task<(List<StudyRow> Rows, List<string> Recommendations)> RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("orleansproc-study-").FullName;
        Console.Error.WriteLine($"bench: threads or processes: per configuration an Azurite, a latency proxy and its silos (grain state is per storage account), logs under {work}");
        var cpuRows = quick ? 16_000 : 160_000;
        var cpuFiles = await BenchDatasets.EnsureSmallFilesAsync(Path.Combine(benchDirectory, $"cpu-{cpuRows}"), 16, cpuRows / 16, Seed);
        var wordFiles = files.Take(quick ? 2 : 1).ToList();
        var ioFiles = (await BenchDatasets.EnsureSmallFilesAsync(Path.Combine(benchDirectory, "tiny-1000"), 1_000, 40, Seed)).Take(quick ? 300 : 1_000).ToList();

        var owned = new Stack<IAsyncDisposable>();
        try
        {
            var clusters = new List<BenchCluster>();
            var proxies = new List<LatencyProxy>();
            string? firstStorage = null;
            for (var i = 0; i < Configurations.Length; i++)
            {
                var directory = Directory.CreateDirectory(Path.Combine(work, $"configuration{i}")).FullName;
                var azurite = await AzuriteProcess.StartAsync(directory);
                owned.Push(azurite);
                firstStorage ??= azurite.ConnectionString;
                var blobs = new BlobServiceClient(azurite.ConnectionString);
                var proxy = LatencyProxy.Start(blobs.Uri.Port);
                owned.Push(proxy);
                proxies.Add(proxy);
                await BenchDatasets.UploadFilesAsync(blobs, "cpu", cpuFiles);
                await BenchDatasets.UploadFilesAsync(blobs, "words", wordFiles);
                await BenchDatasets.UploadFilesAsync(blobs, "io", ioFiles, concurrency: 16);
                var siloStorage = azurite.ConnectionString.Replace($"127.0.0.1:{blobs.Uri.Port}/", $"127.0.0.1:{proxy.Port}/", StringComparison.Ordinal);
                var cluster = await BenchCluster.StartAsync(directory, siloStorage, azurite.ConnectionString, Configurations[i].Silos, Configurations[i].Slots);
                owned.Push(cluster);
                clusters.Add(cluster);
                foreach (var dataset in new[] { "cpu", "words", "io" })
                {
                    await BenchDatasets.RegisterAsync(cluster.Client, dataset);
                }
            }

            // Python reads the blobs of the first configuration's Azurite, through its proxy.
            var container = new BlobServiceClient(firstStorage).GetBlobContainerClient(StorageNames.DatasetsContainer);
            var sas = container.GenerateSasUri(BlobContainerSasPermissions.Read, DateTimeOffset.UtcNow.AddDays(1)).Query.TrimStart('?');
            var proxied = $"http://127.0.0.1:{proxies[0].Port}{container.Uri.AbsolutePath}";
            var ioNames = ioFiles.Select(f => StorageNames.DatasetPrefix("io") + Path.GetFileName(f)).ToList();
            var ioBytes = ioFiles.Sum(f => new FileInfo(f).Length);
            string? CheckBlobs(List<object?[]> rows) =>
                rows is [[long n, long b]] && n == ioFiles.Count && b == ioBytes ? null : $"expected [{ioFiles.Count}, {ioBytes}] blobs and bytes";
            var ioSpec = new JobSpec { Kind = JobKind.Query, Sql = "SELECT COUNT(*), SUM(quantity) FROM io", PartitionSize = IoPartitionSize };
            StudyJob[] jobs =
            [
                new($"CPU: SHA-256 x{ShaRounds} per record, {cpuRows:N0} records", false,
                    new JobSpec { Kind = JobKind.Query, Sql = $"SELECT COUNT(*), MIN(SHA256_ROUNDS(CAST(user_id AS VARCHAR), {ShaRounds})) FROM cpu" },
                    TimeSpan.Zero, p => PythonStudyRunner.RunAsync(root, ["sha", $"{ShaRounds}", $"{p}", .. cpuFiles]), _ => null),
                new($"CPU: word count, {wordFiles.Sum(f => new FileInfo(f).Length) / 1e6:N0} MB", false,
                    new JobSpec { Kind = JobKind.WordCount, Dataset = "words", Column = "comment", Top = 20 },
                    TimeSpan.Zero, p => PythonStudyRunner.RunAsync(root, ["wc", $"{p}", .. wordFiles]), _ => null),
                new($"I/O: {ioFiles.Count:N0} blobs of 3 KiB", true, ioSpec, TimeSpan.Zero,
                    p => PythonStudyRunner.RunAsync(root, ["blobs", $"{p}", proxied, sas], ioNames), CheckBlobs),
                new($"I/O: {ioFiles.Count:N0} blobs, +{InjectedLatency.TotalMilliseconds:N0} ms per request", true, ioSpec, InjectedLatency,
                    p => PythonStudyRunner.RunAsync(root, ["blobs", $"{p}", proxied, sas], ioNames), CheckBlobs),
            ];

            return Summarize(jobs, await MeasureAsync(jobs, clusters, proxies));
        }
        finally
        {
            while (owned.TryPop(out var resource))
            {
                await resource.DisposeAsync();
            }
        }
    }

    public static string Text(List<StudyRow> rows, List<string> recommendations)
    {
        var text = new StringBuilder();
        text.AppendLine("Threads or processes: the same jobs one partition at a time, by one silo (threads sharing a process), by two silos (processes), and by Python multiprocessing");
        text.AppendLine("| job | configuration | seconds | speed-up vs one at a time | CPU seconds | peak memory per process | processes |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Job} | {r.Configuration} | {r.Seconds:N2} | {r.SpeedUp:0.00}x | {r.CpuSeconds:N1} | {r.PeakMegabytesPerProcess:N0} MB | {r.Processes} |");
        }

        foreach (var recommendation in recommendations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {recommendation}");
        }

        return text.ToString().TrimEnd();
    }

    private async Task<Dictionary<(string Job, string Way), (double Seconds, double Cpu, long Peak, int Processes)>> MeasureAsync(
        StudyJob[] jobs, List<BenchCluster> clusters, List<LatencyProxy> proxies)
    {
        var best = new Dictionary<(string Job, string Way), (double Seconds, double Cpu, long Peak, int Processes)>();
        var answers = new Dictionary<string, List<object?[]>>();
        void Record(string job, string way, double seconds, double cpu, long peak, int processes)
        {
            var (s, c, p, _) = best.TryGetValue((job, way), out var seen) ? seen : (double.MaxValue, 0, 0L, processes);
            best[(job, way)] = (Math.Min(s, seconds), seconds < s ? cpu : c, Math.Max(p, peak), processes);
            Console.Error.WriteLine($"bench: threads: {job} | {way}: {seconds:N2} s, {cpu:N1} CPU s, peak {peak / 1e6:N0} MB per process");
        }

        for (var round = 0; round < runs; round++)
        {
            foreach (var job in jobs)
            {
                proxies.ForEach(p => p.Delay = job.Latency);
                for (var i = 0; i < clusters.Count; i++)
                {
                    clusters[i].ResetSiloPeaks();
                    var cpuBefore = clusters[i].SiloCpuSeconds().Sum();
                    JobRun run;
                    try
                    {
                        run = await clusters[i].RunJobAsync(job.Spec);
                    }
                    catch (Exception e) when (e is InvalidOperationException or OrleansException or TimeoutException)
                    {
                        Fail($"{job.Name}: {Configurations[i].Name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                        continue;
                    }

                    var cpu = clusters[i].SiloCpuSeconds().Sum() - cpuBefore;
                    var rows = Program.Sorted(BenchDatasets.Rows(run.Result));
                    if (!answers.TryAdd(job.Name, rows) && Program.Compare(answers[job.Name], rows) is { } diff)
                    {
                        Fail($"{job.Name}: {Configurations[i].Name} differs from {Configurations[0].Name}: {diff}");
                    }

                    Record(job.Name, Configurations[i].Name, run.Elapsed.TotalSeconds, cpu, clusters[i].SiloPeakBytes().Max(), Configurations[i].Silos);
                }

                foreach (var processes in job.IoBound ? new[] { Environment.ProcessorCount, 16 } : [Environment.ProcessorCount])
                {
                    var clock = Stopwatch.StartNew();
                    var (rows, peak, pythonCpu) = await job.Python(processes);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var problem = job.CheckPython(rows) ?? (job.IoBound || !answers.TryGetValue(job.Name, out var expected) ? null : Program.Compare(expected, Program.Sorted(rows)));
                    if (problem is not null)
                    {
                        Fail($"{job.Name}: Python differs: {problem}");
                    }

                    Record(job.Name, $"Python multiprocessing, {processes} processes", seconds, pythonCpu, peak, processes + 1);
                }
            }
        }

        proxies.ForEach(p => p.Delay = TimeSpan.Zero);
        return best;
    }

    private static (List<StudyRow> Rows, List<string> Recommendations) Summarize(
        StudyJob[] jobs, Dictionary<(string Job, string Way), (double Seconds, double Cpu, long Peak, int Processes)> best)
    {
        var rows = new List<StudyRow>();
        var recommendations = new List<string>();
        foreach (var job in jobs.Where(j => Configurations.All(c => best.ContainsKey((j.Name, c.Name)))))
        {
            var baseline = best[(job.Name, Configurations[0].Name)].Seconds;
            foreach (var ((name, way), (seconds, cpu, peak, processes)) in best.Where(b => b.Key.Job == job.Name))
            {
                rows.Add(new StudyRow(name, way, seconds, baseline / seconds, cpu, peak / 1e6, processes));
            }

            double Seconds(int configuration) => best[(job.Name, Configurations[configuration].Name)].Seconds;
            var fastest = Enumerable.Range(0, Configurations.Length).MinBy(Seconds);
            var (cores, many, twoSilos) = (Seconds(1), Seconds(2), Seconds(3));
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{job.Name}: fastest is {Configurations[fastest].Name}, {baseline / Seconds(fastest):0.00}x one at a time; ");
            text.Append(CultureInfo.InvariantCulture, $"16 slots instead of {Environment.ProcessorCount}: {cores / many:0.00}x ({(many < cores / 1.15 ? "more partitions per silo than cores pay" : "partitions per silo beyond the cores do not pay")}); ");
            text.Append(CultureInfo.InvariantCulture, $"a second silo on the same cores: {cores / twoSilos:0.00}x ({(twoSilos < cores / 1.15 ? "pays" : "buys isolation, not speed: add silos to add machines")})");
            if (!job.IoBound)
            {
                text.Append(CultureInfo.InvariantCulture, $"; target one silo on {Environment.ProcessorCount} cores >= 1.8x one at a time: {baseline / cores:0.00}x, {(baseline / cores >= 1.8 ? "met" : "not met")}");
            }

            recommendations.Add(text.ToString());
        }

        return (rows, recommendations);
    }

    private void Fail(string message)
    {
        AnswersAgree = false;
        Console.Error.WriteLine($"error: {message}");
    }
}
