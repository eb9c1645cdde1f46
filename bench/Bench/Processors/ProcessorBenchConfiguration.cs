using OrleansProc.Engine.Pipeline;

namespace OrleansProc.Bench.Processors;

/// <summary>
/// One way <c>bench processor</c> runs the processor: its isolation, its slots (per silo on a cluster), and its silos
/// (0: local mode in this process; otherwise silo processes over Azurite, submitted through the client library).
/// </summary>
internal sealed record ProcessorBenchConfiguration(string Name, ProcessorIsolation Isolation, int Slots, int Silos)
{
    /// <summary>Slots per core of the "many slots" rows.</summary>
    public const int ManySlotsPerCore = 8;

    /// <summary>The silos of the cluster rows.</summary>
    public const int ClusterSilos = 2;

    /// <summary>The processor runs on silo processes, not in this process.</summary>
    public bool OnSilos => Silos > 0;

    /// <summary>The local rows: one partition at a time, then threads and worker processes with slots = cores and with many slots.</summary>
    public static IReadOnlyList<ProcessorBenchConfiguration> Local(int cores) =>
    [
        new("one partition at a time (thread)", ProcessorIsolation.Thread, 1, 0),
        new($"thread, slots = cores ({cores})", ProcessorIsolation.Thread, cores, 0),
        new($"thread, many slots ({cores * ManySlotsPerCore})", ProcessorIsolation.Thread, cores * ManySlotsPerCore, 0),
        new($"process, slots = cores ({cores})", ProcessorIsolation.Process, cores, 0),
        new($"process, many slots ({cores * ManySlotsPerCore})", ProcessorIsolation.Process, cores * ManySlotsPerCore, 0),
    ];

    /// <summary>The cluster rows: two silos with slots = cores each, on threads and in worker processes.</summary>
    public static IReadOnlyList<ProcessorBenchConfiguration> TwoSilos(int cores) =>
    [
        new($"two silos, slots = cores each ({ClusterSilos} x {cores}, thread)", ProcessorIsolation.Thread, cores, ClusterSilos),
        new($"two silos, slots = cores each ({ClusterSilos} x {cores}, process)", ProcessorIsolation.Process, cores, ClusterSilos),
    ];
}
