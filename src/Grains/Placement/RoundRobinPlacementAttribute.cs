using Orleans.Placement;

namespace OrleansProc.Grains.Placement;

/// <summary>Marks a grain class for <see cref="RoundRobinPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RoundRobinPlacementAttribute : PlacementAttribute
{
    public RoundRobinPlacementAttribute()
        : base(RoundRobinPlacement.Singleton)
    {
    }
}
