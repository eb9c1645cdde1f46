using System.Diagnostics;
using Azure.Storage.Blobs;
using OrleansProc.Bench.Report;
using OrleansProc.Contracts.Jobs;
using OrleansProc.TestSupport;

namespace OrleansProc.Bench.Cluster;

/// <summary>
/// The cluster figures: Azurite (in memory) and 2 silo processes started here, the aggregate query over the dataset
/// uploaded to Azurite (after a small warm-up job, not counted) against downloading the same blobs in parallel, each
/// silo's peak memory while it scans, the latency of a one-partition query (submit to result, warm) and a job over 1,000 tiny blobs. Answers are checked
/// against the Engine run locally on the same files.
/// </summary>
internal sealed class ClusterBench(string benchDirectory, IReadOnlyList<string> files, bool quick, int repeat, Func<string, bool> selected)
{
    /// <summary>The <c>--only</c> names of this section.</summary>
    public static readonly string[] Names = ["cluster", "memory", "latency", "tinyblobs"];

    /// <summary>The benchmark's aggregate query over <paramref name="from"/> (a dataset, or a quoted path).</summary>
    public static string Aggregate(string from) => $"SELECT country, COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount) FROM {from} WHERE quantity >= 2 GROUP BY country";

    private const int Seed = 42;
    private const int TinyBlobs = 1_000;
    private const int WarmUpBlobs = 4;
    private static readonly int[] DownloadStreams = [2, 4, 8];

    private int _azurite;

    public bool AnswersAgree { get; private set; } = true;

    public async Task<List<BenchFigure>> RunAsync()
    {
        var figures = new List<BenchFigure>();
        var work = Directory.CreateTempSubdirectory("orleansproc-bench-").FullName;
        Console.Error.WriteLine($"bench: cluster: Azurite and 2 silos, logs under {work}");
        await using var azurite = await AzuriteProcess.StartAsync(work);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await using var cluster = await BenchCluster.StartAsync(work, azurite.ConnectionString, azurite.ConnectionString, silos: 2, slots: null);
        _azurite = azurite.ProcessId;
        var idle = new CpuMeter(_azurite, cluster);
        await Task.Delay(TimeSpan.FromSeconds(10));
        Console.Error.WriteLine($"bench: cluster: idle (no job running): {idle.Describe()}");

        if (selected("cluster") || selected("memory"))
        {
            figures.AddRange(await ThroughputAndMemoryAsync(blobs, cluster));
        }

        if (selected("latency"))
        {
            figures.Add(await OnePartitionLatencyAsync(blobs, cluster));
        }

        if (selected("tinyblobs"))
        {
            figures.Add(await TinyBlobsAsync(blobs, cluster));
        }

        return figures;
    }

    private async Task<List<BenchFigure>> ThroughputAndMemoryAsync(BlobServiceClient blobs, BenchCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        await BenchDatasets.UploadFilesAsync(blobs, "sales", files);
        await BenchDatasets.RegisterAsync(cluster.Client, "sales");
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.Error.WriteLine($"bench: cluster: uploaded {bytes / 1e6:N0} MB to Azurite in {clock.Elapsed.TotalSeconds:N1} s");
        var reference = await LocalAsync(files);

        await WarmUpAsync(blobs, cluster);

        var bestDownload = double.MaxValue;
        var bestStreams = 0;
        var bestQuery = double.MaxValue;
        var bestSiloCpu = double.MaxValue;
        var bestEngineCpu = double.MaxValue;
        CpuReading? bestReading = null;
        var firstRound = string.Empty;
        var peaks = new long[2];
        var partitions = 0;
        for (var round = 0; round < repeat; round++)
        {
            foreach (var streams in DownloadStreams)
            {
                var downloadCpu = new CpuMeter(_azurite, cluster);
                clock.Restart();
                var read = await BenchDatasets.DownloadAsync(blobs, "sales", streams);
                var seconds = clock.Elapsed.TotalSeconds;
                Console.Error.WriteLine($"bench: cluster: download, {streams} streams {seconds,7:N2} s {read / 1e6 / seconds,8:N0} MB/s; {downloadCpu.Describe()}");
                if (seconds < bestDownload)
                {
                    (bestDownload, bestStreams) = (seconds, streams);
                }
            }

            // The Engine in this process over the same files, in the same round: the CPU a silo's scan is held against.
            var engineCpu = Process.GetCurrentProcess().TotalProcessorTime;
            Check("local Engine", reference, await LocalAsync(files));
            var engineSeconds = (Process.GetCurrentProcess().TotalProcessorTime - engineCpu).TotalSeconds;
            bestEngineCpu = Math.Min(bestEngineCpu, engineSeconds);
            Console.Error.WriteLine($"bench: cluster: local Engine (this process) over the same files: {engineSeconds:N2} CPU s, {engineSeconds / (bytes / 1e9):N2} CPU s per GB");

            cluster.ResetSiloPeaks();
            var cpu = new CpuMeter(_azurite, cluster);
            var (result, status, elapsed, _) = await cluster.RunJobAsync(new JobSpec { Kind = JobKind.Query, Sql = Aggregate("sales") });
            var silos = cluster.SiloPeakBytes();
            for (var i = 0; i < peaks.Length && i < silos.Count; i++)
            {
                peaks[i] = Math.Max(peaks[i], silos[i]);
            }

            partitions = status.PartitionsTotal;
            var reading = cpu.Read();
            var label = round == 0 ? "round 1 (cold: the silos' first full-size job)" : $"round {round + 1}";
            if (round == 0)
            {
                firstRound = $"{reading.SilosTotal / (bytes / 1e9):N2} ({reading.SilosTotal / engineSeconds:N2}x)";
            }

            Console.Error.WriteLine($"bench: cluster: aggregate, {label}, 2 silos {elapsed.TotalSeconds,7:N2} s {bytes / 1e6 / elapsed.TotalSeconds,8:N0} MB/s, {partitions} partitions, silo peaks {string.Join(", ", silos.Select(p => $"{p / 1e6:N0} MB"))}; {reading.Describe()}; {reading.DescribePerGb(bytes)}; silos ÷ local Engine {reading.SilosTotal / engineSeconds:N2}x");
            if (reading.SilosTotal < bestSiloCpu)
            {
                (bestSiloCpu, bestReading) = (reading.SilosTotal, reading);
            }

            bestQuery = Math.Min(bestQuery, elapsed.TotalSeconds);
            Check("cluster aggregate", reference, Program.Sorted(BenchDatasets.Rows(result)));
        }

        var download = bytes / 1e6 / bestDownload;
        var query = bytes / 1e6 / bestQuery;
        var ratio = query / download;
        var figures = new List<BenchFigure>();
        if (selected("cluster"))
        {
            figures.Add(new BenchFigure("parallel download from Azurite (Azure.Storage.Blobs)", download, "MB/s", $"best of {string.Join(", ", DownloadStreams)} streams: {bestStreams}; {bestDownload:N2} s"));
            figures.Add(new BenchFigure("cluster aggregate query, 2 silos on Azurite", query, "MB/s", $"{ratio:0.00}x the download; {bestQuery:N2} s submit to result, {partitions} partitions", "≥ 0.8x the download", ratio >= 0.8));
            var gb = bytes / 1e9;
            var cpuRatio = bestSiloCpu / bestEngineCpu;
            figures.Add(new BenchFigure(
                "silos' CPU per GB during the cluster aggregate ÷ the local Engine's",
                cpuRatio,
                "x",
                $"silos {bestSiloCpu / gb:N2} against the Engine's {bestEngineCpu / gb:N2} CPU s per GB (least of {repeat} rounds after a warm-up job; the first, cold: silos {firstRound}); {bestReading!.DescribePerGb(bytes)}",
                "≤ 1.3x",
                cpuRatio <= 1.3));
        }

        var worst = peaks.Max() / 1e6;
        figures.Add(new BenchFigure("silo peak memory (VmHWM) during the aggregate", worst, "MB", $"per silo: {string.Join(", ", peaks.Select(p => $"{p / 1e6:N0} MB"))}", "≤ 300 MB per silo", worst <= 300));
        return figures;
    }

    /// <summary>
    /// One small aggregate before the timed rounds, not counted: every silo loads and compiles the scan, the HTTP read
    /// path and the job's grain calls once, as a long-running silo has, so the rounds measure the steady state.
    /// </summary>
    private async Task WarmUpAsync(BlobServiceClient blobs, BenchCluster cluster)
    {
        var warm = await BenchDatasets.EnsureSmallFilesAsync(Path.Combine(benchDirectory, "warm"), WarmUpBlobs, 5_000, Seed);
        await BenchDatasets.UploadFilesAsync(blobs, "warm", warm);
        await BenchDatasets.RegisterAsync(cluster.Client, "warm");
        var bytes = warm.Sum(f => new FileInfo(f).Length);
        var cpu = new CpuMeter(_azurite, cluster);
        var run = await cluster.RunJobAsync(new JobSpec { Kind = JobKind.Query, Sql = Aggregate("warm") });
        var reading = cpu.Read();
        Check("warm-up aggregate", await LocalAsync(warm), Program.Sorted(BenchDatasets.Rows(run.Result)));
        Console.Error.WriteLine($"bench: cluster: warm-up (not counted): an aggregate over {bytes / 1e6:N1} MB, {run.Status.PartitionsTotal} partitions, {run.Elapsed.TotalSeconds:N2} s; {reading.Describe()}");
    }

    private async Task<BenchFigure> OnePartitionLatencyAsync(BlobServiceClient blobs, BenchCluster cluster)
    {
        var one = await BenchDatasets.EnsureSmallFilesAsync(Path.Combine(benchDirectory, "one"), 1, 1_000, Seed);
        await BenchDatasets.UploadFilesAsync(blobs, "one", one);
        await BenchDatasets.RegisterAsync(cluster.Client, "one");
        var reference = await LocalAsync(one);
        var spec = new JobSpec { Kind = JobKind.Query, Sql = Aggregate("one") };
        for (var i = 0; i < 5; i++)
        {
            var warm = await cluster.RunJobAsync(spec);
            Check("one-partition query", reference, Program.Sorted(BenchDatasets.Rows(warm.Result)));
        }

        var runs = quick ? 30 : 100;
        var times = new List<double>();
        var submits = new List<double>();
        var cpu = new CpuMeter(_azurite, cluster);
        for (var i = 0; i < runs; i++)
        {
            var run = await cluster.RunJobAsync(spec);
            if (run.Status.PartitionsTotal != 1)
            {
                throw new InvalidOperationException($"the one-partition query ran {run.Status.PartitionsTotal} partitions");
            }

            times.Add(run.Elapsed.TotalMilliseconds);
            submits.Add(run.Submit.TotalMilliseconds);
        }

        times.Sort();
        submits.Sort();
        var median = Percentile(times, 0.5);
        var p90 = Percentile(times, 0.9);
        var p99 = Percentile(times, 0.99);
        Console.Error.WriteLine($"bench: latency: one partition, {runs} runs: median {median:N1} ms (of which the submit call {Percentile(submits, 0.5):N1} ms), p90 {p90:N1} ms, p99 {p99:N1} ms, min {times[0]:N1} ms, max {times[^1]:N1} ms; {cpu.Describe()}");
        return new BenchFigure("one-partition query, submit to result, warm", median, "ms", $"median of {runs} (submit call {Percentile(submits, 0.5):N1} ms); p90 {p90:N1} ms, p99 {p99:N1} ms, min {times[0]:N1} ms", "≤ 40 ms median", median <= 40);
    }

    private async Task<BenchFigure> TinyBlobsAsync(BlobServiceClient blobs, BenchCluster cluster)
    {
        var tiny = await BenchDatasets.EnsureSmallFilesAsync(Path.Combine(benchDirectory, $"tiny-{TinyBlobs}"), TinyBlobs, 40, Seed);
        await BenchDatasets.UploadFilesAsync(blobs, "tiny", tiny, concurrency: 16);
        await BenchDatasets.RegisterAsync(cluster.Client, "tiny");
        var reference = await LocalAsync(tiny);
        var spec = new JobSpec { Kind = JobKind.Query, Sql = Aggregate("tiny") };
        var times = new List<double>();
        var partitions = 0;
        for (var i = 0; i < Math.Max(3, repeat); i++)
        {
            var cpu = new CpuMeter(_azurite, cluster);
            var (result, status, elapsed, _) = await cluster.RunJobAsync(spec);
            Check("tiny blobs", reference, Program.Sorted(BenchDatasets.Rows(result)));
            partitions = status.PartitionsTotal;
            times.Add(elapsed.TotalSeconds);
            Console.Error.WriteLine($"bench: tiny blobs: {TinyBlobs:N0} blobs {elapsed.TotalSeconds,7:N2} s, {partitions} partitions; {cpu.Describe()}");
        }

        times.Sort();
        var median = Percentile(times, 0.5);
        return new BenchFigure($"a job over {TinyBlobs:N0} tiny blobs ({tiny.Sum(f => new FileInfo(f).Length) / TinyBlobs / 1024.0:N1} KiB each), submit to result", median, "s", $"median of {times.Count}, best {times[0]:N2} s; {partitions} partitions", "≤ 3 s", median <= 3);
    }

    private static Task<List<object?[]>> LocalAsync(IReadOnlyList<string> paths) =>
        Program.EngineAggregate(paths, Aggregate("'" + paths[0] + "'"));

    private void Check(string what, List<object?[]> expected, List<object?[]> actual)
    {
        if (Program.Compare(expected, actual) is { } diff)
        {
            AnswersAgree = false;
            Console.Error.WriteLine($"error: {what}: the cluster differs from the Engine run locally: {diff}");
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
