using System.Globalization;

namespace OrleansProc.Engine.Isolation;

/// <summary>
/// The host process's worker processes for <c>--isolation process</c>: at most <see cref="WorkerPoolOptions.MaxWorkers"/>
/// (one per slot), started lazily, leased to one partial or call at a time, reused for the next partition of the same
/// package and stopped when idle. A watchdog stops a worker past its memory cap and takes back leases abandoned for
/// longer than the request timeout. A worker that failed is never reused: the next lease starts a fresh one.
/// Thread-safe; one pool per host process.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private const long MiB = 1 << 20;

    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _slots;
    private readonly List<WorkerProcess> _workers = [];
    private readonly Lock _lock = new();
    private readonly ITimer _watchdog;
    private int _started;
    private bool _disposed;

    /// <summary>A pool with <paramref name="options"/> (default <see cref="WorkerPoolOptions.FromEnvironment"/>).</summary>
    public WorkerPool(WorkerPoolOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? WorkerPoolOptions.FromEnvironment();
        if (Options.MaxWorkers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaxWorkers, "a worker pool needs at least one worker");
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _slots = new SemaphoreSlim(Options.MaxWorkers, Options.MaxWorkers);
        _watchdog = _timeProvider.CreateTimer(_ => Watch(), null, Options.WatchdogInterval, Options.WatchdogInterval);
    }

    /// <summary>The options the pool runs with.</summary>
    public WorkerPoolOptions Options { get; }

    /// <summary>How many worker processes the pool has started so far.</summary>
    public int WorkersStarted => Volatile.Read(ref _started);

    /// <summary>How many worker processes are alive now (leased or idle).</summary>
    public int WorkersAlive
    {
        get
        {
            lock (_lock)
            {
                return _workers.Count(w => !w.HasExited);
            }
        }
    }

    /// <summary>The process ids of the workers alive now.</summary>
    public IReadOnlyList<int> WorkerProcessIds()
    {
        lock (_lock)
        {
            return _workers.Where(w => !w.HasExited).Select(w => w.ProcessId).ToList();
        }
    }

    /// <summary>
    /// A worker for <paramref name="key"/> (a package): an idle one that served the same key, else a new one (an idle
    /// worker of another key is stopped to make room). Waits while every slot is leased.
    /// </summary>
    internal WorkerProcess Rent(string key, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _slots.Wait(cancellationToken);
        try
        {
            lock (_lock)
            {
                _workers.RemoveAll(w => w.HasExited && !w.IsLeased);
                var idle = _workers.FirstOrDefault(w => !w.IsLeased && w.Key == key);
                if (idle is not null && idle.TryLease())
                {
                    return idle;
                }

                if (_workers.Count >= Options.MaxWorkers
                    && _workers.FirstOrDefault(w => !w.IsLeased) is { } other)
                {
                    _workers.Remove(other);
                    other.Dispose();
                }
            }

            var worker = WorkerProcess.Start(Options, key, _timeProvider);
            Interlocked.Increment(ref _started);
            worker.TryLease();
            lock (_lock)
            {
                _workers.Add(worker);
            }

            return worker;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Ends a lease: the worker waits for the next one, or is stopped when it failed (<paramref name="healthy"/> false).</summary>
    internal void Return(WorkerProcess worker, bool healthy)
    {
        if (!worker.TryEndLease())
        {
            return; // taken back by the watchdog already
        }

        if (!healthy || worker.HasExited || _disposed)
        {
            lock (_lock)
            {
                _workers.Remove(worker);
            }

            worker.Dispose();
        }

        _slots.Release();
    }

    public void Dispose()
    {
        List<WorkerProcess> workers;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            workers = [.. _workers];
            _workers.Clear();
        }

        _watchdog.Dispose();
        foreach (var worker in workers)
        {
            worker.Dispose();
        }
    }

    private void Watch()
    {
        List<WorkerProcess> workers;
        lock (_lock)
        {
            workers = [.. _workers];
        }

        var now = _timeProvider.GetTimestamp();
        var limit = Options.MemoryCapBytes + Options.WorkingSetSlackBytes;
        foreach (var worker in workers)
        {
            var quiet = _timeProvider.GetElapsedTime(worker.LastActivity, now);
            if (!worker.IsLeased)
            {
                if (quiet > Options.IdleTimeout)
                {
                    lock (_lock)
                    {
                        if (worker.IsLeased || !_workers.Remove(worker))
                        {
                            continue;
                        }
                    }

                    worker.Dispose();
                }

                continue;
            }

            if (worker.WorkingSet() is var used && used > limit)
            {
                worker.Stop(
                    $"went past the worker memory cap of {(Options.MemoryCapBytes / MiB).ToString(CultureInfo.InvariantCulture)} MiB " +
                    $"(working set {(used / MiB).ToString(CultureInfo.InvariantCulture)} MiB, {WorkerPoolOptions.MemoryVariable}); its worker process was stopped");
            }
            else if (!worker.HasPending && quiet > Options.RequestTimeout)
            {
                worker.Stop("was abandoned by its partition; its worker process was stopped");
                Return(worker, healthy: false);
            }
        }
    }
}
