namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster of its own for a fault test class (killing silos there does not disturb the other end-to-end tests),
/// its silos told to fail every scan of a blob whose name contains <see cref="PoisonMarker"/>.
/// </summary>
public sealed class FaultClusterFixture : ClusterFixture
{
    public const string PoisonMarker = "poison";

    protected override IReadOnlyDictionary<string, string> SiloEnvironment { get; } = new Dictionary<string, string>
    {
        ["ORLEANSPROC_FAULT_BLOB"] = PoisonMarker,
    };
}
