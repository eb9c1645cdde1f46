using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace OrleansProc.Grains.Placement;

/// <summary>Picks the compatible silos (in address order) one after the other.</summary>
public sealed class RoundRobinPlacementDirector : IPlacementDirector
{
    private int _next = -1;

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        Array.Sort(silos, (a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)silos.Length);
        return Task.FromResult(silos[index]);
    }
}
