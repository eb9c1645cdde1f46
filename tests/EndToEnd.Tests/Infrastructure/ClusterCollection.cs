namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>The end-to-end tests share one cluster and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
