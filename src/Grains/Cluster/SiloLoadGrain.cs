using OrleansProc.Contracts.Cluster;

namespace OrleansProc.Grains.Cluster;

/// <summary>Holds the last counters a silo published (in memory; a lost activation starts from the next update).</summary>
public sealed class SiloLoadGrain : Grain, ISiloLoadGrain
{
    private SiloLoad _load = new();

    public Task UpdateAsync(SiloLoad load)
    {
        if (load.Completed >= _load.Completed)
        {
            _load = load;
        }

        return Task.CompletedTask;
    }

    public Task<SiloLoad> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(_load);
}
