using System.Diagnostics;

namespace OrleansProc.Bench.Cluster;

/// <summary>CPU seconds that Azurite, each silo and this process use between its start and <see cref="Read"/>: where the time of a figure went.</summary>
internal sealed class CpuMeter
{
    private readonly int _azurite;
    private readonly BenchCluster _cluster;
    private readonly double _azuriteStart;
    private readonly IReadOnlyList<double> _silosStart;
    private readonly TimeSpan _selfStart;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public CpuMeter(int azurite, BenchCluster cluster)
    {
        _azurite = azurite;
        _cluster = cluster;
        _azuriteStart = ProcessStats.CpuSeconds(azurite);
        _silosStart = cluster.SiloCpuSeconds();
        _selfStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>The CPU seconds of each process since the start, and the wall time.</summary>
    public CpuReading Read() => new(
        _wall.Elapsed.TotalSeconds,
        ProcessStats.CpuSeconds(_azurite) - _azuriteStart,
        _cluster.SiloCpuSeconds().Select((s, i) => s - _silosStart[i]).ToList(),
        (Process.GetCurrentProcess().TotalProcessorTime - _selfStart).TotalSeconds);

    public string Describe() => Read().Describe();
}
