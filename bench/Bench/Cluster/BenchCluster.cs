using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.DevCluster;
using OrleansProc.TestSupport;

namespace OrleansProc.Bench.Cluster;

/// <summary>
/// Silo processes (the ReadyToRun publish of src/Silo when current, as <c>dev up</c> runs them, else its Release build)
/// on free ports, under a cluster id of their own, over the storage the caller gives, and one Orleans client in this
/// process connected once. Everything is stopped on dispose.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<ChildProcess> _silos;
    private readonly IHost _client;

    private BenchCluster(string clusterId, List<ChildProcess> silos, IHost client)
    {
        ClusterId = clusterId;
        _silos = silos;
        _client = client;
        Client = client.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <summary>The silos' ORLEANSPROC_CLUSTER, for a client console run against them.</summary>
    public string ClusterId { get; }

    public IReadOnlyList<int> SiloProcessIds => _silos.Select(s => s.Id).ToList();

    /// <param name="siloStorage">The silos' connection string (its blob endpoint may go through a latency proxy).</param>
    /// <param name="clientStorage">The client's connection string (its table endpoint finds the gateways).</param>
    /// <param name="slots">ORLEANSPROC_SLOTS of every silo, or null for the default (the cores).</param>
    public static async Task<BenchCluster> StartAsync(string workDirectory, string siloStorage, string clientStorage, int silos, int? slots)
    {
        var clusterId = $"bench{Guid.NewGuid():N}"[..16];
        var build = SiloBuildChoice.For(new DevPaths(RepositoryRoot.Path));
        if (build.Warning is { } warning)
        {
            Console.Error.WriteLine(warning);
        }

        Console.Error.WriteLine($"bench: the silo run: {build.Assembly}");
        var started = new List<ChildProcess>();
        try
        {
            var starts = Enumerable.Range(0, silos).Select(i => FreePorts.StartAsync(() => StartSiloAsync(build.Assembly, workDirectory, clusterId, siloStorage, i, slots))).ToList();
            started.AddRange(await Task.WhenAll(starts));
            var client = await ConnectAsync(clusterId, clientStorage);
            var cluster = new BenchCluster(clusterId, started, client);
            await cluster.WaitForSilosAsync(silos);
            return cluster;
        }
        catch
        {
            foreach (var silo in started)
            {
                await silo.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Submits a job, long-polls it to its end and fetches its result: the whole time a user waits.</summary>
    public async Task<JobRun> RunJobAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        var job = Client.GetGrain<IJobGrain>($"b{Guid.NewGuid():N}"[..20]);
        var clock = Stopwatch.StartNew();
        var outcome = await job.SubmitAsync(spec, cancellationToken);
        if (!outcome.Accepted)
        {
            throw new InvalidOperationException($"job rejected: {outcome.Message}");
        }

        var submitted = clock.Elapsed;
        JobStatus? status;
        do
        {
            status = await job.WaitForStatusAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        while (status is not { IsFinished: true });

        var result = status.State == JobState.Completed ? await job.GetResultAsync(cancellationToken) : null;
        var elapsed = clock.Elapsed;
        return result is null
            ? throw new InvalidOperationException($"job {status.State}: {status.Error}")
            : new JobRun(result, status, elapsed, submitted);
    }

    /// <summary>CPU seconds used so far by each silo process.</summary>
    public IReadOnlyList<double> SiloCpuSeconds() => _silos.Select(s => ProcessStats.CpuSeconds(s.Id)).ToList();

    /// <summary>Peak resident memory (VmHWM) of each silo process, in bytes.</summary>
    public IReadOnlyList<long> SiloPeakBytes() => _silos.Select(s => ProcessStats.PeakBytes(s.Id) ?? 0).ToList();

    public void ResetSiloPeaks()
    {
        foreach (var silo in _silos)
        {
            ProcessStats.ResetPeak(silo.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _client.StopAsync(stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
        {
        }

        _client.Dispose();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task<ChildProcess> StartSiloAsync(string siloAssembly, string workDirectory, string clusterId, string storage, int index, int? slots)
    {
        var environment = new Dictionary<string, string>
        {
            ["ORLEANSPROC_STORAGE"] = storage,
            ["ORLEANSPROC_CLUSTER"] = clusterId,
            ["ORLEANSPROC_SILO_PORT"] = $"{FreePorts.Next()}",
            ["ORLEANSPROC_GATEWAY_PORT"] = $"{FreePorts.Next()}",
            ["ORLEANSPROC_WEB_PORT"] = $"{FreePorts.Next()}",
            ["ORLEANSPROC_SILO_NAME"] = $"{clusterId}-silo{index}",
        };
        if (slots is { } n)
        {
            environment["ORLEANSPROC_SLOTS"] = $"{n}";
        }

        var silo = ChildProcess.Start("dotnet", [siloAssembly], environment, Path.Combine(workDirectory, $"{clusterId}-silo{index}.log"));
        try
        {
            await silo.WaitForOutputAsync("OrleansProc silo started", TimeSpan.FromSeconds(120));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    private static async Task<IHost> ConnectAsync(string clusterId, string storage)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(storage));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = StorageNames.ServiceId;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task WaitForSilosAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while ((await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count < count)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"{count} silos did not all join within 2 minutes");
            }

            await Task.Delay(200);
        }
    }
}
