namespace OrleansProc.TestSupport;

/// <summary>
/// Azurite from infra/node_modules on free ports of 127.0.0.1 (or of another address, in a network namespace), stopped on
/// dispose: in memory, or on disk (a folder of its own) when the data must survive <see cref="StopAsync"/> and
/// <see cref="RestartAsync"/> on the same ports.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyList<string> _launcher;
    private readonly string _workDirectory;
    private ChildProcess _process;
    private int _starts;

    private AzuriteProcess(ChildProcess process, IReadOnlyList<string> arguments, IReadOnlyList<string> launcher, string workDirectory, string connectionString)
    {
        _process = process;
        _arguments = arguments;
        _launcher = launcher;
        _workDirectory = workDirectory;
        ConnectionString = connectionString;
    }

    /// <summary>The Azurite (node) process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>A connection string for Azure.Storage.Blobs, Azure.Data.Tables and ORLEANSPROC_STORAGE.</summary>
    public string ConnectionString { get; }

    public bool IsRunning => !_process.HasExited;

    /// <param name="workDirectory">Where the log goes (and the data, on disk).</param>
    /// <param name="onDisk">Keep the data in <paramref name="workDirectory"/>/azurite-data instead of in memory.</param>
    /// <param name="host">The address Azurite listens on and the connection string names.</param>
    /// <param name="launcher">A command prefix Azurite runs under (`ip netns exec NS`), or none.</param>
    public static async Task<AzuriteProcess> StartAsync(string workDirectory, bool onDisk = false, string host = "127.0.0.1", IReadOnlyList<string>? launcher = null)
    {
        if (!File.Exists(RepositoryRoot.AzuriteBin))
        {
            throw new InvalidOperationException($"{RepositoryRoot.AzuriteBin} is missing: run 'npm ci' in infra/ (the README's test command does)");
        }

        return await FreePorts.StartAsync(() => StartOnFreePortsAsync(workDirectory, onDisk, host, launcher ?? []));
    }

    /// <summary>
    /// Stops Azurite gracefully (SIGTERM: each service closes and writes its data out), then ends the process (it may
    /// linger on open client connections once its services are closed).
    /// </summary>
    public async Task StopAsync()
    {
        _process.Signal("TERM");
        try
        {
            foreach (var service in new[] { "Blob", "Queue", "Table" })
            {
                await _process.WaitForOutputAsync($"Azurite {service} service successfully closed", TimeSpan.FromSeconds(30));
            }
        }
        catch (ChildProcessExitedException)
        {
            return; // it exited on its own, done
        }

        _process.Kill();
    }

    /// <summary>Starts Azurite again on the same ports and data (after <see cref="StopAsync"/>).</summary>
    public async Task RestartAsync()
    {
        await _process.DisposeAsync();
        _process = Launch(_launcher, _arguments, Path.Combine(_workDirectory, $"azurite-{++_starts}.log"));
        await _process.WaitForOutputAsync("Table service is successfully listening", TimeSpan.FromSeconds(60));
    }

    private static ChildProcess Launch(IReadOnlyList<string> launcher, IReadOnlyList<string> arguments, string logPath) => launcher.Count == 0
        ? ChildProcess.Start(RepositoryRoot.AzuriteBin, arguments, new Dictionary<string, string>(), logPath)
        : ChildProcess.Start(launcher[0], [.. launcher.Skip(1), RepositoryRoot.AzuriteBin, .. arguments], new Dictionary<string, string>(), logPath);

    private static async Task<AzuriteProcess> StartOnFreePortsAsync(string workDirectory, bool onDisk, string host, IReadOnlyList<string> launcher)
    {
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
        var connectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://{host}:{blob}/devstoreaccount1;QueueEndpoint=http://{host}:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://{host}:{table}/devstoreaccount1;";
        List<string> arguments =
        [
            "--blobHost", host, "--blobPort", $"{blob}", "--queueHost", host, "--queuePort", $"{queue}",
            "--tableHost", host, "--tablePort", $"{table}", "--skipApiVersionCheck", "--loose",
        ];
        if (onDisk)
        {
            var data = Directory.CreateDirectory(Path.Combine(workDirectory, "azurite-data")).FullName;
            arguments.AddRange(["--location", data]);
        }
        else
        {
            arguments.Add("--inMemoryPersistence");
        }

        var process = Launch(launcher, arguments, Path.Combine(workDirectory, "azurite.log"));
        var azurite = new AzuriteProcess(process, arguments, launcher, workDirectory, connectionString);
        try
        {
            await process.WaitForOutputAsync("Table service is successfully listening", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
