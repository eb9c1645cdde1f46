namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The test classes with a cluster of their own (the fault tests, the OTLP export test, TLS) run one after the other,
/// beside the shared cluster's tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}
