using System.Globalization;
using OrleansProc.Contracts;
using OrleansProc.Security;

namespace OrleansProc.DevCluster;

/// <summary>
/// Starts silo processes (the ReadyToRun publish of src/Silo when current, else its Release build) on free ports and waits until their logs say they started;
/// they get this client's storage, cluster and TLS settings.
/// </summary>
internal sealed class SiloLauncher(DevPaths paths, TextWriter messages, TimeProvider time)
{
    private readonly Lazy<SiloBuildChoice> _build = new(() => SiloBuildChoice.For(paths));

    public const string StartedMarker = "OrleansProc silo started";

    public const int FirstSiloPort = 11111;

    public const int FirstGatewayPort = 30000;

    public const int FirstWebPort = 8080;

    /// <summary>The dotnet host running this client, else "dotnet" from the PATH.</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";

    /// <summary>Starts silo{index} on the first free ports at or above 11111+index, 30000+index and 8080+index (web).</summary>
    public SiloState Start(int index, ISet<int> takenPorts)
    {
        if (!File.Exists(paths.SiloAssembly))
        {
            throw new DevClusterException($"the silo is not built: {paths.Show(paths.SiloAssembly)} is missing; run ./orleansproc (it builds), or dotnet build src/Silo -c Release");
        }

        var name = "silo" + index.ToString(CultureInfo.InvariantCulture);
        var siloPort = PortProbe.FirstFree(FirstSiloPort + index, takenPorts);
        takenPorts.Add(siloPort);
        var gatewayPort = PortProbe.FirstFree(FirstGatewayPort + index, takenPorts);
        takenPorts.Add(gatewayPort);
        var webPort = PortProbe.FirstFree(FirstWebPort + index, takenPorts);
        takenPorts.Add(webPort);
        var environment = new Dictionary<string, string>
        {
            ["ORLEANSPROC_SILO_PORT"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["ORLEANSPROC_GATEWAY_PORT"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["ORLEANSPROC_WEB_PORT"] = webPort.ToString(CultureInfo.InvariantCulture),
            ["ORLEANSPROC_WEB_HOST"] = "127.0.0.1",
            ["ORLEANSPROC_SILO_NAME"] = name,
            [StorageNames.ClusterVariable] = StorageNames.ClusterId,
            [DevPaths.RootVariable] = paths.Root,
        };
        if (Environment.GetEnvironmentVariable(StorageNames.StorageVariable) is { Length: > 0 } storage)
        {
            environment[StorageNames.StorageVariable] = storage;
        }

        // TLS: the silos present the same certificate as this client; a relative path is taken from here, not from
        // the silo's working directory.
        foreach (var variable in TlsSettings.Variables)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                environment[variable] = variable is TlsSettings.CertificateVariable or TlsSettings.CaVariable ? Path.GetFullPath(value) : value;
            }
        }

        // The API key: the silos require the key this client holds (none when it holds none).
        if (Environment.GetEnvironmentVariable(AccessSettings.ApiKeyVariable) is { Length: > 0 } apiKey)
        {
            environment[AccessSettings.ApiKeyVariable] = apiKey;
        }

        var log = paths.SiloLog(name);
        var pid = ProcessControl.StartDetached(DotnetHost, [SiloAssembly()], environment, log, paths.Root);
        messages.WriteLine($"{name}: starting (pid {pid}, silo port {siloPort}, gateway port {gatewayPort}, page http://127.0.0.1:{webPort}/, log {paths.Show(log)})");
        return new SiloState
        {
            Name = name,
            Pid = pid,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            WebPort = webPort,
            Log = log,
            StartMarker = ProcessControl.StartMarker(pid),
        };
    }

    /// <summary>The silo build to run, chosen once; its warning, if any, is written the first time.</summary>
    private string SiloAssembly()
    {
        var first = !_build.IsValueCreated;
        if (first && _build.Value.Warning is { } warning)
        {
            messages.WriteLine(warning);
        }

        return _build.Value.Assembly;
    }

    /// <summary>Waits until every silo's log shows it started; fails naming the log of one that exited or took too long.</summary>
    public async Task WaitStartedAsync(IReadOnlyList<SiloState> silos, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = time.GetTimestamp();
        var waiting = silos.ToList();
        while (waiting.Count > 0)
        {
            foreach (var silo in waiting.ToList())
            {
                if (LogTail.Contains(silo.Log, StartedMarker))
                {
                    messages.WriteLine($"{silo.Name}: started");
                    waiting.Remove(silo);
                }
                else if (!ProcessControl.IsRunning(silo.Pid, silo.StartMarker))
                {
                    throw new DevClusterException($"{silo.Name} exited before it started: {LogTail.LastLine(silo.Log)} (see {paths.Show(silo.Log)})");
                }
            }

            if (waiting.Count == 0)
            {
                return;
            }

            if (time.GetElapsedTime(clock) > timeout)
            {
                throw new DevClusterException($"{string.Join(" and ", waiting.Select(s => s.Name))} did not start within {timeout.TotalSeconds:0} s (see {string.Join(", ", waiting.Select(s => paths.Show(s.Log)))})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }
    }
}
