namespace OrleansProc.Bench.Cluster;

/// <summary>CPU seconds each process of the bench's cluster used over <paramref name="Wall"/> seconds (see <see cref="CpuMeter"/>).</summary>
internal sealed record CpuReading(double Wall, double Azurite, IReadOnlyList<double> Silos, double Client)
{
    /// <summary>The silos' CPU seconds, all together.</summary>
    public double SilosTotal => Silos.Sum();

    public string Describe() =>
        $"CPU s over {Wall:N1} s wall: Azurite {Azurite:N1}, silos {string.Join(" + ", Silos.Select(s => s.ToString("N1", null)))}, bench client {Client:N1}";

    /// <summary>Each process's CPU seconds per GB of <paramref name="bytes"/> read.</summary>
    public string DescribePerGb(long bytes)
    {
        var gb = bytes / 1e9;
        return $"CPU s per GB: silos {SilosTotal / gb:N2} ({string.Join(" + ", Silos.Select(s => (s / gb).ToString("N2", null)))}), Azurite {Azurite / gb:N2}, bench client {Client / gb:N2}";
    }
}
