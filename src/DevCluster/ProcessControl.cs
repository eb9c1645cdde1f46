using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace OrleansProc.DevCluster;

/// <summary>
/// Starts processes detached from the client (their own session, output to a log file, no stdin) and signals
/// them later by pid, checking first that the pid still names the same process.
/// </summary>
internal static class ProcessControl
{
    private const string DetachScript =
        "if command -v setsid >/dev/null 2>&1; then exec setsid \"$@\" >\"$ORLEANSPROC_LOG_FILE\" 2>&1 </dev/null; " +
        "else exec nohup \"$@\" >\"$ORLEANSPROC_LOG_FILE\" 2>&1 </dev/null; fi";

    /// <summary>Starts <paramref name="file"/> detached, its stdout and stderr to <paramref name="logFile"/> (truncated); returns its pid.</summary>
    public static int StartDetached(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile, string workingDirectory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(DetachScript);
        start.ArgumentList.Add("orleansproc-detach");
        start.ArgumentList.Add(file);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ORLEANSPROC_LOG_FILE"] = logFile;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        return process.Id; // sh execs setsid, which execs the program: the pid stays the same
    }

    /// <summary>A marker of the process's identity (its start time), or null when no such process runs.</summary>
    public static string? StartMarker(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        var stat = $"/proc/{pid}/stat";
        if (File.Exists(stat) || Directory.Exists("/proc/self"))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                return fields[0] == "Z" || fields[0] == "X" ? null : fields[19]; // state, ..., starttime (field 22)
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or Win32Exception)
        {
            return null;
        }
    }

    /// <summary>True when the pid runs and is still the process recorded with <paramref name="startMarker"/> (when one was recorded).</summary>
    public static bool IsRunning(int pid, string? startMarker) =>
        StartMarker(pid) is { } current && (startMarker is null || current == startMarker);

    /// <summary>Sends a signal (TERM, KILL) to the process's group, or to the process alone if it leads no group.</summary>
    public static void Signal(int pid, string signal)
    {
        if (pid <= 0)
        {
            return;
        }

        if (Run("kill", "-s", signal, "--", "-" + pid.ToString(CultureInfo.InvariantCulture)) != 0)
        {
            Run("kill", "-s", signal, pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Waits until none of the processes runs, or the deadline passes; returns those still running.</summary>
    public static async Task<IReadOnlyList<(int Pid, string? Marker)>> WaitForExitAsync(
        IReadOnlyList<(int Pid, string? Marker)> processes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var running = processes.Where(p => IsRunning(p.Pid, p.Marker)).ToList();
            if (running.Count == 0 || time.GetElapsedTime(started) >= timeout)
            {
                return running;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }

    /// <summary>Runs a command to its end with its output discarded; returns its exit code.</summary>
    public static int Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
