namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>The load tests' cluster: two silo processes and Azurite, like the shared one, and each silo's memory high-water mark.</summary>
public sealed class LoadClusterFixture : ClusterFixture
{
    /// <summary>The peak resident memory of each silo process so far (VmHWM from /proc), in MiB.</summary>
    public IReadOnlyList<double> SiloPeakMemoryMiB() => Silos.Select(s => ProcStatusKiB(s.Id, "VmHWM") / 1024.0).ToList();

    private static long ProcStatusKiB(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
