namespace OrleansProc.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
