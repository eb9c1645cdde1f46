using Orleans.Concurrency;
using OrleansProc.Contracts.Security;

namespace OrleansProc.Contracts.Cluster;

/// <summary>Counters of the partitions one silo runs (key: the silo address). In memory only.</summary>
[Alias("OrleansProc.ISiloLoadGrain")]
public interface ISiloLoadGrain : IGrainWithStringKey
{
    /// <summary>A silo publishes its counters (silos only).</summary>
    [Alias("Update")]
    [OneWay]
    [SiloOnly]
    Task UpdateAsync(SiloLoad load);

    [Alias("Get")]
    Task<SiloLoad> GetAsync(CancellationToken cancellationToken = default);
}
