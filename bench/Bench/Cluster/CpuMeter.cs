using System.Diagnostics;

namespace OrleansProc.Bench.Cluster;

/// <summary>CPU seconds that Azurite, each silo and this process use between its start and <see cref="Describe"/>: where the time of a figure went.</summary>
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

    public string Describe()
    {
        var silos = _cluster.SiloCpuSeconds().Select((s, i) => s - _silosStart[i]);
        var self = (Process.GetCurrentProcess().TotalProcessorTime - _selfStart).TotalSeconds;
        return $"CPU s over {_wall.Elapsed.TotalSeconds:N1} s wall: Azurite {ProcessStats.CpuSeconds(_azurite) - _azuriteStart:N1}, silos {string.Join(" + ", silos.Select(s => s.ToString("N1", null)))}, bench client {self:N1}";
    }
}
