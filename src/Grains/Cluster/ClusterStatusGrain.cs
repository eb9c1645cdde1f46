using Orleans.Concurrency;
using Orleans.Runtime;
using OrleansProc.Contracts.Cluster;

namespace OrleansProc.Grains.Cluster;

/// <summary>The silos of the cluster from the membership table, with the partition counters each published.</summary>
[StatelessWorker]
public sealed class ClusterStatusGrain : Grain, IClusterStatusGrain
{
    public async Task<IReadOnlyList<SiloInfo>> GetSilosAsync(CancellationToken cancellationToken = default)
    {
        var management = GrainFactory.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(true, cancellationToken);
        var silos = new List<SiloInfo>(hosts.Length);
        foreach (var host in hosts.OrderBy(h => h.SiloName, StringComparer.Ordinal))
        {
            var address = host.SiloAddress.ToString();
            var load = await GrainFactory.GetGrain<ISiloLoadGrain>(address).GetAsync(cancellationToken);
            silos.Add(new SiloInfo
            {
                Address = address,
                Name = host.SiloName,
                Status = host.Status.ToString(),
                PartitionsRunning = load.Running,
                PartitionsCompleted = load.Completed,
                RowsRead = load.Rows,
                BytesRead = load.Bytes,
                Slots = load.Slots,
                RowsPerSecond = load.RowsPerSecond,
                BytesPerSecond = load.BytesPerSecond,
            });
        }

        return silos;
    }
}
