using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using OrleansProc.Bench.Cluster;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;
using OrleansProc.TestSupport;

namespace OrleansProc.Bench.Processors;

/// <summary>
/// The two-silo rows of <c>bench processor</c>: Azurite (in memory) and two silo processes with slots = cores each,
/// started as the cluster figures start them (<see cref="AzuriteProcess"/>, <see cref="BenchCluster"/>); the processor
/// stored by the client console's <c>processor upload</c>, the files uploaded as a dataset, and <c>run NAME DATASET</c>
/// submitted through the client library, timed from submit to result.
/// </summary>
internal sealed class TwoSiloProcessorBench : IAsyncDisposable
{
    private const string Dataset = "procbench";
    private const string Package = "procbench";
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromMinutes(5);

    private readonly AzuriteProcess _azurite;
    private readonly BenchCluster _cluster;

    private TwoSiloProcessorBench(AzuriteProcess azurite, BenchCluster cluster)
    {
        _azurite = azurite;
        _cluster = cluster;
    }

    /// <summary>
    /// Starts Azurite and the silos, uploads the package in <paramref name="folder"/> and the files; or says why the
    /// two-silo rows cannot run (Azurite or a silo does not start, the upload fails).
    /// </summary>
    public static async Task<(TwoSiloProcessorBench? Bench, string? Skipped)> StartAsync(string folder, IReadOnlyList<string> files)
    {
        var duplicate = files.GroupBy(Path.GetFileName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return (null, $"two files are named '{duplicate.Key}' and a dataset's blobs are named by file name alone");
        }

        var work = Directory.CreateTempSubdirectory("orleansproc-procbench-").FullName;
        Console.Error.WriteLine($"bench processor: two silos: Azurite and {ProcessorBenchConfiguration.ClusterSilos} silos, logs under {work}");
        AzuriteProcess azurite;
        try
        {
            azurite = await AzuriteProcess.StartAsync(work);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
        {
            return (null, $"Azurite does not start: {FirstLine(e)}");
        }

        BenchCluster cluster;
        try
        {
            cluster = await BenchCluster.StartAsync(work, azurite.ConnectionString, azurite.ConnectionString, ProcessorBenchConfiguration.ClusterSilos, slots: null);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OrleansException or IOException)
        {
            await azurite.DisposeAsync();
            return (null, $"the silos do not start: {FirstLine(e)} (logs under {work})");
        }

        var bench = new TwoSiloProcessorBench(azurite, cluster);
        try
        {
            await bench.UploadProcessorAsync(folder);
            Console.Error.WriteLine($"bench processor: two silos: uploading {files.Count} files as the dataset '{Dataset}'");
            await BenchDatasets.UploadFilesAsync(new BlobServiceClient(azurite.ConnectionString), Dataset, files);
            await BenchDatasets.RegisterAsync(cluster.Client, Dataset, format: null);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OrleansException or IOException or Azure.RequestFailedException)
        {
            await bench.DisposeAsync();
            return (null, $"the processor or the files do not upload: {FirstLine(e)}");
        }

        return (bench, null);
    }

    /// <summary>
    /// One warm-up run (the silos download and load the package, start their workers), then the best of
    /// <paramref name="runs"/>; CPU seconds of the silos and their worker processes, Azurite's apart.
    /// </summary>
    public async Task<(ProcessorBenchRow Row, IReadOnlyList<IReadOnlyList<string?>> Answer)> MeasureAsync(
        ProcessorBenchConfiguration configuration, string? processorName, IReadOnlyDictionary<string, string>? arguments, int runs, long? partitionSize, double oneAtATime)
    {
        var spec = new JobSpec
        {
            Kind = JobKind.Run,
            Processor = Package,
            ProcessorName = processorName,
            Dataset = Dataset,
            Arguments = arguments,
            Isolation = configuration.Isolation == ProcessorIsolation.Process ? "process" : null,
            PartitionSize = partitionSize,
        };
        var answer = (await _cluster.RunJobAsync(spec)).Result.Rows;
        var best = double.MaxValue;
        string? breakdown = null;
        double cpu = 0;
        long siloPeak = 0, workerPeak = 0;
        var processes = 0;
        for (var run = 0; run < runs; run++)
        {
            var silos = _cluster.SiloProcessIds;
            var workers = Workers(silos);
            foreach (var pid in silos.Concat(workers).Append(_azurite.ProcessId))
            {
                ProcessStats.ResetPeak(pid);
            }

            var before = Cpu(silos, workers);
            var self = Process.GetCurrentProcess().TotalProcessorTime;
            var job = await _cluster.RunJobAsync(spec);
            var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime - self).TotalSeconds;
            workers = Workers(silos);
            var after = Cpu(silos, workers);
            answer = job.Result.Rows;
            var siloCpu = silos.Select(pid => after.Own[pid] - before.Own[pid]).ToList();
            var workerCpu = workers.Sum(pid => after.Own[pid] - before.Own.GetValueOrDefault(pid)) + after.EndedWorkers - before.EndedWorkers;
            var azuriteCpu = after.Own[_azurite.ProcessId] - before.Own[_azurite.ProcessId];
            var siloPeaks = silos.Select(pid => ProcessStats.PeakBytes(pid) ?? 0).ToList();
            siloPeak = Math.Max(siloPeak, siloPeaks.Max());
            workerPeak = Math.Max(workerPeak, workers.Select(pid => ProcessStats.PeakBytes(pid) ?? 0).DefaultIfEmpty(0).Max());
            processes = silos.Count + workers.Count;
            var seconds = job.Elapsed.TotalSeconds;
            if (seconds < best)
            {
                best = seconds;
                cpu = siloCpu.Sum() + workerCpu;
                breakdown = Breakdown(configuration, job, siloCpu, workerCpu, workers.Count, azuriteCpu, selfCpu, siloPeaks, ProcessStats.PeakBytes(_azurite.ProcessId) ?? 0);
            }
        }

        return (new ProcessorBenchRow(configuration, best, oneAtATime / best, cpu, siloPeak / 1e6, workerPeak / 1e6, processes, breakdown), answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static string Breakdown(
        ProcessorBenchConfiguration configuration, JobRun job, List<double> siloCpu, double workerCpu, int workers, double azuriteCpu, double selfCpu, List<long> siloPeaks, long azuritePeak)
    {
        var cpu = string.Join(" + ", siloCpu.Select(s => s.ToString("N1", CultureInfo.InvariantCulture)));
        var memory = string.Join(", ", siloPeaks.Select(p => (p / 1e6).ToString("N0", CultureInfo.InvariantCulture) + " MB"));
        var workerText = configuration.Isolation == ProcessorIsolation.Process
            ? string.Create(CultureInfo.InvariantCulture, $", their {workers} workers {workerCpu:N1}")
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{configuration.Name}: {job.Status.PartitionsTotal} partitions ({string.Join(" + ", job.Status.PartitionsBySilo.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value))} by silo); CPU s: silos {cpu}{workerText}, Azurite {azuriteCpu:N1} (not in the table), bench client {selfCpu:N1}; peak memory: silos {memory}, Azurite {azuritePeak / 1e6:N0} MB");
    }

    private IReadOnlyList<int> Workers(IReadOnlyList<int> silos) => silos.SelectMany(ProcessStats.ChildProcessIds).ToList();

    /// <summary>CPU seconds so far of each silo, worker and Azurite, and of the workers that have ended (counted by their silo).</summary>
    private (Dictionary<int, double> Own, double EndedWorkers) Cpu(IReadOnlyList<int> silos, IReadOnlyList<int> workers) =>
        (silos.Concat(workers).Append(_azurite.ProcessId).Distinct().ToDictionary(pid => pid, ProcessStats.CpuSeconds), silos.Sum(ProcessStats.EndedChildrenCpuSeconds));

    private async Task UploadProcessorAsync(string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepositoryRoot.ClientDll, "processor", "upload", folder, "--name", Package })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ORLEANSPROC_STORAGE"] = _azurite.ConnectionString;
        start.Environment["ORLEANSPROC_CLUSTER"] = _cluster.ClusterId;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(UploadTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"processor upload did not end within {UploadTimeout.TotalMinutes:N0} minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"processor upload exited with {process.ExitCode}: {(await error).Trim()}");
        }

        Console.Error.WriteLine($"bench processor: two silos: {(await output).Trim()}");
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n')[0].Trim();
}
