using System.Diagnostics;
using System.Text;

namespace OrleansProc.TestSupport;

/// <summary>A process a test starts, its output kept in memory and in a log file, killed with its tree on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private readonly StreamWriter _log;

    private ChildProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: false) { AutoFlush = true };
    }

    public string LogPath { get; }

    /// <summary>Raised at each line the process writes, at the end of each of its streams and when it exits.</summary>
    public ChangeSignal OutputChanged { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, logPath);
        process.Exited += (_, _) => child.OutputChanged.Raise();
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the output holds <paramref name="marker"/>; fails if the process exits or the deadline passes.</summary>
    public async Task WaitForOutputAsync(string marker, TimeSpan timeout)
    {
        try
        {
            await ChangeSignal.WaitUntilAsync([OutputChanged], () => Output.Contains(marker, StringComparison.Ordinal) || _process.HasExited, timeout, marker);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no '{marker}' within {timeout}; log {LogPath}:\n{Tail()}");
        }

        if (!Output.Contains(marker, StringComparison.Ordinal))
        {
            _process.WaitForExit(); // drains the redirected output, so the reason is in the message
            if (!Output.Contains(marker, StringComparison.Ordinal))
            {
                throw new ChildProcessExitedException($"process exited with {_process.ExitCode} before '{marker}'; log {LogPath}:\n{Tail()}");
            }
        }
    }

    /// <summary>Sends a signal (TERM, STOP, CONT, ...) to the process, as `kill -NAME PID` does.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", $"{_process.Id}"]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{name} {_process.Id} exited with {kill.ExitCode}");
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private string Tail()
    {
        var lines = Output.Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 30)));
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _output.AppendLine(line);
                _log.WriteLine(line);
            }
        }

        OutputChanged.Raise();
    }
}
