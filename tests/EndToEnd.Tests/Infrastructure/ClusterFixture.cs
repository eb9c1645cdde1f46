using System.Diagnostics;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real local cluster for the end-to-end tests: Azurite (in memory, on free ports) and two silo processes that form
/// one cluster through Azure Table clustering, under a cluster id of their own. The client is run as a process with
/// the same environment a user would set.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 2;
    private readonly List<ChildProcess> _silos = [];
    private readonly Dictionary<int, Uri> _pages = [];
    private AzuriteProcess? _azurite;

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("orleansproc-e2e-").FullName;

    public string ConnectionString { get; private set; } = string.Empty;

    public string ClusterId { get; } = $"e2e-{Guid.NewGuid():N}"[..16];

    public IReadOnlyList<ChildProcess> Silos => _silos;

    /// <summary>Environment variables only the silos get (a fault fixture injects faults through them).</summary>
    protected virtual IReadOnlyDictionary<string, string> SiloEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>Environment variables the silos and the client both get (an OTLP fixture points their exporters at its receiver).</summary>
    protected virtual IReadOnlyDictionary<string, string> SharedEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>Azurite keeps its data on disk, so a test may stop it and start it again (a storage outage).</summary>
    protected virtual bool StorageOnDisk => false;

    /// <summary>The cluster's Azurite.</summary>
    public AzuriteProcess Storage => _azurite ?? throw new InvalidOperationException("the cluster is not started");

    public virtual async Task InitializeAsync()
    {
        _azurite = await StartStorageAsync();
        ConnectionString = _azurite.ConnectionString;

        for (var i = 0; i < SiloCount; i++)
        {
            await StartSiloAsync(i);
        }
    }

    /// <summary>Starts silo <paramref name="index"/> and waits until it has joined the cluster.</summary>
    public Task<ChildProcess> StartSiloAsync(int index) => FreePorts.StartAsync(() => StartSiloOnFreePortsAsync(index));

    /// <summary>The web side (jobs page, /healthz, /dashboard) of the silo last started as <paramref name="index"/>.</summary>
    public Uri PageOf(int index) => _pages[index];

    /// <summary>Starts the cluster's Azurite (a network-namespace fixture starts it in a namespace of its own).</summary>
    protected virtual Task<AzuriteProcess> StartStorageAsync() => AzuriteProcess.StartAsync(WorkDirectory, StorageOnDisk);

    /// <summary>Starts the process of silo <paramref name="index"/> (a network-namespace fixture starts it in a namespace of its own).</summary>
    protected virtual ChildProcess StartSiloProcess(int index, IReadOnlyDictionary<string, string> environment, string logPath) =>
        ChildProcess.Start("dotnet", [RepositoryRoot.SiloDll], environment, logPath);

    /// <summary>The address where the test reaches silo <paramref name="index"/>'s web side.</summary>
    protected virtual string SiloAddress(int index) => "127.0.0.1";

    private async Task<ChildProcess> StartSiloOnFreePortsAsync(int index)
    {
        var webPort = FreePorts.Next();
        var silo = StartSiloProcess(
            index,
            new Dictionary<string, string>(ClientEnvironment)
            {
                ["ORLEANSPROC_SILO_PORT"] = $"{FreePorts.Next()}",
                ["ORLEANSPROC_GATEWAY_PORT"] = $"{FreePorts.Next()}",
                ["ORLEANSPROC_WEB_PORT"] = $"{webPort}",
                ["ORLEANSPROC_SILO_NAME"] = $"silo{index}",
            }.Concat(SiloEnvironment).ToDictionary(),
            Path.Combine(WorkDirectory, $"silo{index}.log"));
        _silos.Add(silo);
        try
        {
            await silo.WaitForOutputAsync("OrleansProc silo started", TimeSpan.FromSeconds(90));
        }
        catch (ChildProcessExitedException)
        {
            _silos.Remove(silo);
            await silo.DisposeAsync();
            throw;
        }

        _pages[index] = new Uri($"http://{SiloAddress(index)}:{webPort}/");
        return silo;
    }

    /// <summary>The environment of the client and of the silos (which get <see cref="SiloEnvironment"/> besides).</summary>
    public virtual IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["ORLEANSPROC_STORAGE"] = ConnectionString,
        ["ORLEANSPROC_CLUSTER"] = ClusterId,
        ["ORLEANSPROC_ROOT"] = RepositoryRoot.Path,
    }.Concat(SharedEnvironment).ToDictionary();

    /// <summary>Runs the client console with <paramref name="arguments"/>, as `./orleansproc ARGS` would, output redirected.</summary>
    public Task<ClientRun> RunClientAsync(params string[] arguments) => RunAsync(RepositoryRoot.ClientDll, ClientEnvironment, arguments);

    /// <summary>
    /// Runs <paramref name="dll"/> (the client, or a silo expected to stop by itself) with <paramref name="arguments"/> and
    /// <paramref name="environment"/> added to this process's, output redirected; fails after 5 minutes.
    /// </summary>
    public static async Task<ClientRun> RunAsync(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} {string.Join(' ', arguments)} did not end within 5 minutes");
        }

        return new ClientRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the client console with <paramref name="arguments"/> in the background (a test may kill it).</summary>
    public ChildProcess StartClient(string logName, params string[] arguments) =>
        ChildProcess.Start("dotnet", [RepositoryRoot.ClientDll, .. arguments], ClientEnvironment, Path.Combine(WorkDirectory, logName));

    public virtual async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
