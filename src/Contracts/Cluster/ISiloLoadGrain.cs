using Orleans.Concurrency;

namespace OrleansProc.Contracts.Cluster;

/// <summary>Counters of the partitions one silo runs (key: the silo address). In memory only.</summary>
[Alias("OrleansProc.ISiloLoadGrain")]
public interface ISiloLoadGrain : IGrainWithStringKey
{
    [Alias("Update")]
    [OneWay]
    Task UpdateAsync(SiloLoad load);

    [Alias("Get")]
    Task<SiloLoad> GetAsync(CancellationToken cancellationToken = default);
}
