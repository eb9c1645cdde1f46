using System.Globalization;

namespace OrleansProc.Engine.Isolation;

/// <summary>How a <see cref="WorkerPool"/> runs its worker processes. Defaults in each property's summary.</summary>
public sealed class WorkerPoolOptions
{
    /// <summary>The environment variable giving <see cref="RequestTimeout"/> in seconds.</summary>
    public const string TimeoutVariable = "ORLEANSPROC_WORKER_TIMEOUT";

    /// <summary>The environment variable giving <see cref="MemoryCapBytes"/> in MiB.</summary>
    public const string MemoryVariable = "ORLEANSPROC_WORKER_MEMORY_MB";

    /// <summary>The executable's file name, looked for next to the host's assembly.</summary>
    public const string WorkerFileName = "OrleansProc.Worker.dll";

    /// <summary>The most worker processes alive at once, one per slot: default the core count.</summary>
    public int MaxWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The longest one request (a batch of records, a completion, a merge) may take before its worker is stopped
    /// as hung: default 300 s. A lease that sends nothing for this long is taken back too (its partition was abandoned).
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// A worker's memory cap: its GC heap hard limit (DOTNET_GCHeapHardLimit), and its working set is watched at this
    /// plus <see cref="WorkingSetSlackBytes"/>: default 2 GiB.
    /// </summary>
    public long MemoryCapBytes { get; init; } = 2L << 30;

    /// <summary>What the working set may hold beyond the GC heap (the runtime, code, native buffers): default 256 MiB.</summary>
    public long WorkingSetSlackBytes { get; init; } = 256L << 20;

    /// <summary>How long an idle worker is kept for the next partition of the same package: default 60 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the watchdog checks memory, idle workers and abandoned leases: default 200 ms.</summary>
    public TimeSpan WatchdogInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The worker's assembly; null for <see cref="WorkerFileName"/> next to the host's assembly.</summary>
    public string? WorkerPath { get; init; }

    /// <summary>The defaults, with <see cref="TimeoutVariable"/> and <see cref="MemoryVariable"/> applied when set.</summary>
    /// <exception cref="ArgumentException">A variable is set but is not a positive number.</exception>
    public static WorkerPoolOptions FromEnvironment(int? maxWorkers = null)
    {
        var defaults = new WorkerPoolOptions();
        return new WorkerPoolOptions
        {
            MaxWorkers = maxWorkers ?? defaults.MaxWorkers,
            RequestTimeout = PositiveNumber(TimeoutVariable) is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.RequestTimeout,
            MemoryCapBytes = PositiveNumber(MemoryVariable) is { } megabytes ? (long)(megabytes * (1 << 20)) : defaults.MemoryCapBytes,
        };
    }

    /// <summary>A copy of these options with <see cref="MaxWorkers"/> set to <paramref name="maxWorkers"/>.</summary>
    public WorkerPoolOptions With(int maxWorkers) => new()
    {
        MaxWorkers = maxWorkers,
        RequestTimeout = RequestTimeout,
        MemoryCapBytes = MemoryCapBytes,
        WorkingSetSlackBytes = WorkingSetSlackBytes,
        IdleTimeout = IdleTimeout,
        WatchdogInterval = WatchdogInterval,
        WorkerPath = WorkerPath,
    };

    private static double? PositiveNumber(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{variable}={text}: expected a positive number");
    }
}
