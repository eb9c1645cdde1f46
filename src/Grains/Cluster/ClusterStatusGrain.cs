using Orleans.Concurrency;
using Orleans.Runtime;
using OrleansProc.Contracts.Cluster;

namespace OrleansProc.Grains.Cluster;

/// <summary>
/// The active silos of the cluster, from this silo's membership view (no storage read: it answers while storage is
/// busy or away), with the partition counters each published (asked of all silos at once).
/// </summary>
[StatelessWorker]
public sealed class ClusterStatusGrain(IClusterMembershipService membership) : Grain, IClusterStatusGrain
{
    public async Task<IReadOnlyList<SiloInfo>> GetSilosAsync(CancellationToken cancellationToken = default)
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var loads = await Task.WhenAll(active.Select(m => GrainFactory.GetGrain<ISiloLoadGrain>(m.SiloAddress.ToString()).GetAsync(cancellationToken)));
        return active.Zip(loads, (member, load) => new SiloInfo
        {
            Address = member.SiloAddress.ToString(),
            Name = member.Name,
            Status = member.Status.ToString(),
            PartitionsRunning = load.Running,
            PartitionsCompleted = load.Completed,
            RowsRead = load.Rows,
            BytesRead = load.Bytes,
            Slots = load.Slots,
            RowsPerSecond = load.RowsPerSecond,
            BytesPerSecond = load.BytesPerSecond,
        }).ToList();
    }
}
