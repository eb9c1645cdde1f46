namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The load tests: a cluster of their own, run after the other collections and alone, so their timings and the silos'
/// memory figures are theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection : ICollectionFixture<LoadClusterFixture>
{
    public const string Name = "load";
}
