using System.Diagnostics;
using System.Globalization;

namespace OrleansProc.Engine.Isolation;

/// <summary>
/// One worker process of a <see cref="WorkerPool"/>, seen from the host: requests go to its stdin, answers come from its
/// stdout (the worker sends the processor's own console output to stderr, whose last lines are kept for error messages).
/// One request may be in flight; a deadline stops the worker when an answer takes longer than the request timeout.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int StderrLinesKept = 20;

    /// <summary>How long a new worker may take to start and say it is ready (a loaded machine starts .NET slowly).</summary>
    private static readonly TimeSpan s_startupTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly ITimer _deadline;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly Queue<string> _stderr = new();
    private readonly Lock _stderrLock = new();
    private Task<WorkerFrame?>? _pending;
    private string? _fault;
    private int _leased;

    private WorkerProcess(Process process, string key, TimeSpan timeout, TimeProvider timeProvider)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        _timeout = timeout;
        _timeProvider = timeProvider;
        Key = key;
        LastActivity = timeProvider.GetTimestamp();
        _deadline = timeProvider.CreateTimer(
            _ => Stop($"timed out after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({WorkerPoolOptions.TimeoutVariable}); its worker process was stopped"),
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        process.ErrorDataReceived += (_, line) => KeepStderr(line.Data);
        process.BeginErrorReadLine();
    }

    /// <summary>The package (or spec kind) the worker last served: a lease prefers a worker of the same key.</summary>
    public string Key { get; }

    /// <summary>The worker's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>When the worker last sent or received a frame (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long LastActivity { get; private set; }

    /// <summary>True while a request waits for its answer.</summary>
    public bool HasPending => _pending is not null;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>True while the worker is leased to a partial or a call.</summary>
    public bool IsLeased => Volatile.Read(ref _leased) == 1;

    /// <summary>Starts a worker process of <paramref name="options"/>'s executable.</summary>
    /// <exception cref="IsolatedProcessorException">The executable is missing or does not start.</exception>
    public static WorkerProcess Start(WorkerPoolOptions options, string key, TimeProvider timeProvider)
    {
        var path = options.WorkerPath ?? Path.Join(AppContext.BaseDirectory, WorkerPoolOptions.WorkerFileName);
        if (!File.Exists(path))
        {
            throw new IsolatedProcessorException(
                $"--isolation process needs the worker executable {WorkerPoolOptions.WorkerFileName}, not found at {path} (it ships next to the client and the silo)");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        start.Environment["DOTNET_GCHeapHardLimit"] = options.MemoryCapBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        try
        {
            var process = Process.Start(start) ?? throw new IsolatedProcessorException($"the worker process {path} did not start");
            var worker = new WorkerProcess(process, key, options.RequestTimeout, timeProvider);
            worker.AwaitReady(path);
            return worker;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IsolatedProcessorException($"the worker process {path} did not start: {e.Message}", e);
        }
    }

    /// <summary>Waits for the worker's ready frame.</summary>
    /// <exception cref="IsolatedProcessorException">It ended or did not answer within the startup timeout (then it is stopped).</exception>
    private void AwaitReady(string path)
    {
        var ready = WorkerFrames.ReadAsync(_output);
        WorkerFrame? frame = null;
        try
        {
            if (ready.Wait(s_startupTimeout))
            {
                frame = ready.Result;
            }
        }
        catch (AggregateException)
        {
            frame = null;
        }

        if (frame is not { Kind: WorkerMessageKind.Ok })
        {
            Stop($"did not start within {s_startupTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            var reason = EndReason();
            Dispose();
            throw new IsolatedProcessorException($"the worker process {path} did not start: it {reason}");
        }
    }

    /// <summary>Marks the worker leased; false when it already was.</summary>
    public bool TryLease()
    {
        LastActivity = _timeProvider.GetTimestamp();
        return Interlocked.Exchange(ref _leased, 1) == 0;
    }

    /// <summary>Marks the worker free; false when it already was (a lease ends once).</summary>
    public bool TryEndLease()
    {
        LastActivity = _timeProvider.GetTimestamp();
        return Interlocked.Exchange(ref _leased, 0) == 1;
    }

    /// <summary>Sends one request; its answer is read in the background until <see cref="Receive"/>.</summary>
    /// <exception cref="WorkerFaultException">The worker is gone.</exception>
    public void Send(WorkerMessageKind kind, ReadOnlySpan<byte> payload)
    {
        if (_pending is not null)
        {
            throw new InvalidOperationException("a worker request is already in flight");
        }

        LastActivity = _timeProvider.GetTimestamp();
        _deadline.Change(_timeout, Timeout.InfiniteTimeSpan);
        try
        {
            WorkerFrames.Write(_input, kind, payload);
        }
        catch (IOException e)
        {
            _deadline.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            throw new WorkerFaultException(EndReason(), e);
        }

        _pending = WorkerFrames.ReadAsync(_output);
    }

    /// <summary>Waits for the answer to the request in flight.</summary>
    /// <exception cref="WorkerFaultException">The worker ended or was stopped before answering.</exception>
    public WorkerFrame Receive()
    {
        var pending = _pending ?? throw new InvalidOperationException("no worker request is in flight");
        WorkerFrame? frame;
        try
        {
            frame = pending.GetAwaiter().GetResult();
        }
        catch (IOException)
        {
            frame = null;
        }
        catch (InvalidDataException)
        {
            frame = null;
        }
        finally
        {
            _pending = null; // only now: the watchdog counts a lease waiting for an answer as busy, not abandoned
            _deadline.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            LastActivity = _timeProvider.GetTimestamp();
        }

        return frame ?? throw new WorkerFaultException(EndReason());
    }

    /// <summary>Sends a request and waits for its answer.</summary>
    public WorkerFrame Call(WorkerMessageKind kind, ReadOnlySpan<byte> payload)
    {
        Send(kind, payload);
        return Receive();
    }

    /// <summary>The working set of the process in bytes; 0 once it has ended.</summary>
    public long WorkingSet()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>Kills the process (first reason wins; it is what a waiting request reports).</summary>
    public void Stop(string reason)
    {
        Interlocked.CompareExchange(ref _fault, reason, null);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Ended already.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Ending already.
        }
    }

    public void Dispose()
    {
        Stop("was stopped with its pool");
        _deadline.Dispose();
        _process.Dispose();
    }

    /// <summary>Why the worker stopped answering: the watchdog's reason, or its exit code and last error line.</summary>
    private string EndReason()
    {
        if (Volatile.Read(ref _fault) is { } fault)
        {
            return fault;
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            Stop("stopped answering; its worker process was stopped");
            return Volatile.Read(ref _fault)!;
        }

        _process.WaitForExit(); // drains stderr
        var line = LastErrorLine();
        return $"ended its worker process (exit code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)})" + (line is null ? string.Empty : $": {line}");
    }

    private void KeepStderr(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_stderrLock)
        {
            if (_stderr.Count == StderrLinesKept)
            {
                _stderr.Dequeue();
            }

            _stderr.Enqueue(line.Trim());
        }
    }

    /// <summary>The runtime's "Unhandled exception." line if any, else the last line the worker wrote to stderr.</summary>
    private string? LastErrorLine()
    {
        lock (_stderrLock)
        {
            return _stderr.FirstOrDefault(l => l.StartsWith("Unhandled exception.", StringComparison.Ordinal)) ?? _stderr.LastOrDefault();
        }
    }

    /// <summary>The dotnet host running this process, else <c>dotnet</c> from the PATH.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
