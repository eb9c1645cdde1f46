using System.Globalization;
using System.Text.Json.Nodes;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.DevCluster;

/// <summary>
/// The supervisor of the local development cluster: Azurite and N silo processes, started, shown and stopped by
/// <c>dev up|status|down</c>. Progress and notes go to <paramref name="messages"/> (the console's stderr).
/// </summary>
public sealed class DevSupervisor(DevPaths paths, TextWriter messages, TimeProvider time)
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Azurite closes its servers at once on TERM but its process may linger; its data is saved by then.</summary>
    public static readonly TimeSpan AzuriteStopTimeout = TimeSpan.FromSeconds(3);

    private readonly DevStateStore _store = new(paths);

    private readonly List<string> _startedSilos = [];
    private bool _startedAzurite;

    /// <summary>
    /// Starts Azurite (unless one listens) and silos up to <paramref name="silos"/>; returns once each silo's log says it
    /// started and <paramref name="cluster"/> lists them active. What it starts is remembered for <see cref="StopStartedAsync"/>.
    /// </summary>
    public async Task UpAsync(int silos, TimeSpan timeout, IClusterConnector cluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var state = _store.Load() ?? new DevState();
        var running = state.Silos.Where(s => ProcessControl.IsRunning(s.Pid, s.StartMarker)).ToList();
        foreach (var gone in state.Silos.Except(running))
        {
            messages.WriteLine($"{gone.Name}: recorded as pid {gone.Pid} but not running any more");
        }

        var azuriteWasUp = state.Azurite is { } known && PortProbe.IsListening(known.BlobPort);
        var azurite = await new AzuriteLauncher(paths, messages, time).EnsureRunningAsync(state.Azurite, cancellationToken);
        _startedAzurite = azurite.StartedByDevUp && azurite.Pid != state.Azurite?.Pid;
        state = state with { Azurite = azurite, Silos = running };
        _store.Save(state);

        if (running.Count >= silos && azuriteWasUp)
        {
            messages.WriteLine($"already up: {running.Count} silos ({string.Join(", ", running.Select(s => $"{s.Name} pid {s.Pid}"))}); ./orleansproc dev status");
            await WaitActiveAsync(cluster, running.Count, running, timeout, cancellationToken);
            WritePages(running);
            return;
        }

        var launcher = new SiloLauncher(paths, messages, time);
        var taken = new HashSet<int>(running.SelectMany(s => new[] { s.SiloPort, s.GatewayPort, s.WebPort }));
        var names = new HashSet<string>(running.Select(s => s.Name), StringComparer.Ordinal);
        var started = new List<SiloState>();
        for (var index = 0; running.Count + started.Count < silos; index++)
        {
            if (names.Contains("silo" + index))
            {
                continue;
            }

            var silo = launcher.Start(index, taken);
            started.Add(silo);
            _startedSilos.Add(silo.Name);
            state = state with { Silos = [.. running, .. started] };
            _store.Save(state);
        }

        await launcher.WaitStartedAsync(started, timeout, cancellationToken);
        await WaitActiveAsync(cluster, silos, state.Silos, timeout, cancellationToken);
        WritePages(state.Silos);
    }

    /// <summary>One line naming the jobs page of each silo (any of them shows the whole cluster).</summary>
    private void WritePages(IReadOnlyList<SiloState> silos)
    {
        var pages = silos.Where(s => s.Page is not null).Select(s => $"{s.Name} {s.Page}").ToList();
        if (pages.Count > 0)
        {
            messages.WriteLine($"jobs page: {string.Join(", ", pages)} (also /dashboard and /healthz on each)");
        }
    }

    /// <summary>Stops the silos and the Azurite that <c>dev up</c> started (TERM, then KILL after 10 s) and forgets them.</summary>
    public async Task DownAsync(CancellationToken cancellationToken = default)
    {
        var state = _store.Load();
        if (state is null)
        {
            messages.WriteLine("nothing to stop: dev up has not started anything here");
            return;
        }

        await StopAsync(state.Silos.Select(s => (s.Name, s.Pid, s.StartMarker)).ToList(), cancellationToken);
        if (state.Azurite is { StartedByDevUp: true } azurite)
        {
            await StopAsync([("azurite", azurite.Pid, azurite.StartMarker)], cancellationToken, AzuriteStopTimeout);
        }
        else if (state.Azurite is not null)
        {
            messages.WriteLine("azurite: left running (dev up did not start it)");
        }

        _store.Delete();
    }

    /// <summary>Stops only what <see cref="UpAsync"/> started through this instance (even when it failed half way), keeping the rest.</summary>
    public async Task StopStartedAsync(CancellationToken cancellationToken = default)
    {
        var state = _store.Load();
        if (state is null || (_startedSilos.Count == 0 && !_startedAzurite))
        {
            return;
        }

        var stopping = state.Silos.Where(s => _startedSilos.Contains(s.Name)).ToList();
        await StopAsync(stopping.Select(s => (s.Name, s.Pid, s.StartMarker)).ToList(), cancellationToken);
        var azurite = state.Azurite;
        if (_startedAzurite && azurite is { StartedByDevUp: true })
        {
            await StopAsync([("azurite", azurite.Pid, azurite.StartMarker)], cancellationToken, AzuriteStopTimeout);
            azurite = null;
        }

        var left = state.Silos.Except(stopping).ToList();
        if (left.Count == 0 && azurite is not { StartedByDevUp: true })
        {
            _store.Delete();
        }
        else
        {
            _store.Save(state with { Azurite = azurite, Silos = left });
        }

        _startedSilos.Clear();
        _startedAzurite = false;
    }

    /// <summary>The processes as <c>dev status --format json</c> shows them.</summary>
    public JsonObject StatusJson()
    {
        var state = _store.Load() ?? new DevState();
        var azurite = CurrentAzurite(state);
        var json = new JsonObject
        {
            ["azurite"] = azurite is null ? null : new JsonObject
            {
                ["pid"] = azurite.Pid,
                ["blobPort"] = azurite.BlobPort,
                ["queuePort"] = azurite.QueuePort,
                ["tablePort"] = azurite.TablePort,
                ["startedByDevUp"] = azurite.StartedByDevUp,
                ["running"] = PortProbe.IsListening(azurite.BlobPort),
                ["log"] = azurite.Log,
            },
            ["silos"] = new JsonArray(state.Silos.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["pid"] = s.Pid,
                ["siloPort"] = s.SiloPort,
                ["gatewayPort"] = s.GatewayPort,
                ["webPort"] = s.WebPort > 0 ? s.WebPort : null,
                ["page"] = s.Page,
                ["log"] = s.Log,
                ["running"] = ProcessControl.IsRunning(s.Pid, s.StartMarker),
            }).ToArray()),
        };
        return json;
    }

    /// <summary>The columns of the <c>dev status</c> table.</summary>
    public static IReadOnlyList<ResultColumn> StatusColumns { get; } =
        [new("process", "VARCHAR"), new("pid", "BIGINT"), new("ports", "VARCHAR"), new("state", "VARCHAR"), new("page", "VARCHAR"), new("log", "VARCHAR")];

    /// <summary>The rows of the <c>dev status</c> table (<see cref="StatusColumns"/>): Azurite, then each silo; none when nothing runs.</summary>
    public IReadOnlyList<IReadOnlyList<string?>> StatusRows()
    {
        var state = _store.Load() ?? new DevState();
        var azurite = CurrentAzurite(state);
        var rows = new List<IReadOnlyList<string?>>();
        if (azurite is not null)
        {
            rows.Add([
                "azurite", azurite.Pid.ToString(CultureInfo.InvariantCulture),
                $"{azurite.BlobPort}-{azurite.TablePort}",
                (PortProbe.IsListening(azurite.BlobPort) ? "running" : "stopped") + (azurite.StartedByDevUp ? string.Empty : " (external)"),
                "-",
                azurite.Log is null ? "-" : paths.Show(azurite.Log)]);
        }

        rows.AddRange(state.Silos.Select(s => (IReadOnlyList<string?>)[
            s.Name, s.Pid.ToString(CultureInfo.InvariantCulture),
            $"silo {s.SiloPort}, gateway {s.GatewayPort}" + (s.WebPort > 0 ? $", web {s.WebPort}" : string.Empty),
            ProcessControl.IsRunning(s.Pid, s.StartMarker) ? "running" : "stopped", s.Page ?? "-", paths.Show(s.Log)]));
        return rows;
    }

    /// <summary>The recorded Azurite, or one found listening on the default port.</summary>
    private static AzuriteState? CurrentAzurite(DevState state)
    {
        if (state.Azurite is not null)
        {
            return state.Azurite;
        }

        return PortProbe.IsListening(AzuriteState.DefaultBlobPort)
            ? new AzuriteState { Pid = PortProbe.ListenerPid(AzuriteState.DefaultBlobPort), StartedByDevUp = false }
            : null;
    }

    /// <summary>Connects as a client and waits until the cluster lists at least <paramref name="count"/> active silos.</summary>
    private async Task WaitActiveAsync(IClusterConnector cluster, int count, IReadOnlyList<SiloState> silos, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = time.GetTimestamp();
        var names = silos.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var last = "no answer yet";
        while (time.GetElapsedTime(clock) < timeout)
        {
            try
            {
                await using var membership = await cluster.ConnectAsync(cancellationToken);
                while (time.GetElapsedTime(clock) < timeout)
                {
                    var active = await membership.ActiveSilosAsync(cancellationToken);
                    var ours = active.Count(s => names.Contains(s.Name));
                    if (ours >= count || (ours == 0 && active.Count >= count))
                    {
                        messages.WriteLine($"cluster: {active.Count} active silos ({string.Join(", ", active.Select(s => s.Name.Length > 0 ? s.Name : s.Address))})");
                        return;
                    }

                    last = $"{active.Count} active of {count}";
                    await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
                }
            }
            catch (ClusterNotReadyException exception)
            {
                last = exception.Message;
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }

        throw new DevClusterException($"the cluster did not list {count} active silos within {timeout.TotalSeconds:0} s ({last}); see {string.Join(", ", silos.Select(s => paths.Show(s.Log)))}");
    }

    private async Task StopAsync(IReadOnlyList<(string Name, int Pid, string? Marker)> processes, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var stopTimeout = timeout ?? StopTimeout;
        var running = processes.Where(p => ProcessControl.IsRunning(p.Pid, p.Marker)).ToList();
        foreach (var process in processes.Except(running))
        {
            messages.WriteLine($"{process.Name}: not running");
        }

        foreach (var process in running)
        {
            ProcessControl.Signal(process.Pid, "TERM");
        }

        var left = await ProcessControl.WaitForExitAsync(running.Select(p => (p.Pid, p.Marker)).ToList(), stopTimeout, time, cancellationToken);
        foreach (var process in running)
        {
            if (left.Any(l => l.Pid == process.Pid))
            {
                ProcessControl.Signal(process.Pid, "KILL");
                messages.WriteLine($"{process.Name}: killed (pid {process.Pid}) after {stopTimeout.TotalSeconds:0} s");
            }
            else
            {
                messages.WriteLine($"{process.Name}: stopped (pid {process.Pid})");
            }
        }

        if (left.Count > 0)
        {
            await ProcessControl.WaitForExitAsync(left, TimeSpan.FromSeconds(5), time, cancellationToken);
        }
    }
}
