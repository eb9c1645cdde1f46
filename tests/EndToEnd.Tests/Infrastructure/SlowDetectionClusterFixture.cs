namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A cluster of its own whose failure detection is slow (a silo is suspected only after minutes of missed probes), so
/// a silo stopped with SIGSTOP stays a member, alive but not answering: the coordinator's own bound (20 s without an
/// answer) must find its partitions lost.
/// </summary>
public sealed class SlowDetectionClusterFixture : ClusterFixture
{
    protected override IReadOnlyDictionary<string, string> SiloEnvironment { get; } = new Dictionary<string, string>
    {
        ["ORLEANSPROC_PROBE_TIMEOUT_SECONDS"] = "10",
        ["ORLEANSPROC_MISSED_PROBES"] = "30",
    };
}
