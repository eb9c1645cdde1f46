namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>The fault test classes run one after the other (each with a cluster of its own), beside the shared cluster's tests.</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}
