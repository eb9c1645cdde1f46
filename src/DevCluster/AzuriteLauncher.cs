using System.Diagnostics;

namespace OrleansProc.DevCluster;

/// <summary>Makes sure Azurite listens on 127.0.0.1:10000-10002: finds one already running, or starts the one pinned in infra/.</summary>
internal sealed class AzuriteLauncher(DevPaths paths, TextWriter messages, TimeProvider time)
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The running Azurite: <paramref name="known"/> if it still runs, one found listening, or a new one.</summary>
    public async Task<AzuriteState> EnsureRunningAsync(AzuriteState? known, CancellationToken cancellationToken)
    {
        if (known is { StartedByDevUp: true } && ProcessControl.IsRunning(known.Pid, known.StartMarker) && PortProbe.IsListening(known.BlobPort))
        {
            return known;
        }

        if (PortProbe.IsListening(AzuriteState.DefaultBlobPort))
        {
            var pid = PortProbe.ListenerPid(AzuriteState.DefaultBlobPort);
            messages.WriteLine($"azurite: using the one already listening on 127.0.0.1:{AzuriteState.DefaultBlobPort}" + (pid > 0 ? $" (pid {pid})" : string.Empty));
            return new AzuriteState { Pid = pid, StartedByDevUp = false, StartMarker = ProcessControl.StartMarker(pid) };
        }

        await InstallAsync(cancellationToken);
        Directory.CreateDirectory(paths.AzuriteData);
        string[] arguments =
        [
            "--silent", "--location", paths.AzuriteData,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--skipApiVersionCheck", "--loose",
        ];
        var started = ProcessControl.StartDetached(paths.AzuriteExecutable, arguments, new Dictionary<string, string>(), paths.AzuriteLog, paths.InfraDirectory);
        var state = new AzuriteState { Pid = started, StartedByDevUp = true, Log = paths.AzuriteLog, StartMarker = ProcessControl.StartMarker(started) };
        messages.WriteLine($"azurite: starting (pid {started}, log {paths.Show(paths.AzuriteLog)})");

        var clock = time.GetTimestamp();
        while (!(PortProbe.IsListening(state.BlobPort) && PortProbe.IsListening(state.QueuePort) && PortProbe.IsListening(state.TablePort)))
        {
            if (!ProcessControl.IsRunning(started, null))
            {
                throw new DevClusterException($"azurite exited at start: {LogTail.LastLine(paths.AzuriteLog)} (see {paths.Show(paths.AzuriteLog)})");
            }

            if (time.GetElapsedTime(clock) > StartTimeout)
            {
                throw new DevClusterException($"azurite did not listen on 127.0.0.1:{state.BlobPort}-{state.TablePort} within {StartTimeout.TotalSeconds:0} s (see {paths.Show(paths.AzuriteLog)})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }

        return state;
    }

    /// <summary>Runs <c>npm ci</c> (or <c>npm install</c> without a lock file) in infra/ when Azurite is not installed there.</summary>
    private async Task InstallAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(paths.AzuriteExecutable))
        {
            return;
        }

        var command = File.Exists(Path.Combine(paths.InfraDirectory, "package-lock.json")) ? "ci" : "install";
        messages.WriteLine($"azurite: installing with npm {command} in infra/ (log {paths.Show(paths.NpmLog)})");
        Directory.CreateDirectory(paths.LogDirectory);
        var start = new ProcessStartInfo("npm") { WorkingDirectory = paths.InfraDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { command, "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        Process npm;
        try
        {
            npm = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new DevClusterException($"cannot run npm to install Azurite ({exception.Message}): install Node.js, or start Azurite yourself on 127.0.0.1:10000-10002");
        }

        using (npm)
        {
            await using var log = File.CreateText(paths.NpmLog);
            var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = npm.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(InstallTimeout);
            try
            {
                await npm.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                npm.Kill(entireProcessTree: true);
                throw new DevClusterException($"npm {command} in infra/ took longer than {InstallTimeout.TotalMinutes:0} minutes (see {paths.Show(paths.NpmLog)})");
            }

            await log.WriteAsync(await output);
            await log.WriteAsync(await error);
            if (npm.ExitCode != 0 || !File.Exists(paths.AzuriteExecutable))
            {
                throw new DevClusterException($"npm {command} in infra/ failed with exit code {npm.ExitCode} (see {paths.Show(paths.NpmLog)})");
            }
        }
    }
}
