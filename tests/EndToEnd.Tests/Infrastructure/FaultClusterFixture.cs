namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster of its own for a fault test class (killing silos there does not disturb the other end-to-end tests),
/// its silos told to fail every scan of a blob whose name contains <see cref="PoisonMarker"/>, and to hang the first
/// attempt of a partition that reads a blob whose name contains <see cref="StragglerMarker"/>; their processor worker
/// processes time out after <see cref="WorkerTimeoutSeconds"/> and are capped at <see cref="WorkerMemoryMegabytes"/>.
/// </summary>
public sealed class FaultClusterFixture : ClusterFixture
{
    public const string PoisonMarker = "poison";

    public const string StragglerMarker = "straggler";

    public const int WorkerTimeoutSeconds = 10;

    public const int WorkerMemoryMegabytes = 256;

    protected override IReadOnlyDictionary<string, string> SiloEnvironment { get; } = new Dictionary<string, string>
    {
        ["ORLEANSPROC_FAULT_BLOB"] = PoisonMarker,
        ["ORLEANSPROC_FAULT_HANG_BLOB"] = StragglerMarker,
        ["ORLEANSPROC_WORKER_TIMEOUT"] = $"{WorkerTimeoutSeconds}",
        ["ORLEANSPROC_WORKER_MEMORY_MB"] = $"{WorkerMemoryMegabytes}",
        ["Logging__LogLevel__OrleansProc.Grains.Jobs.JobGrain"] = "Debug", // its state saves, which the restart test waits for
    };
}
