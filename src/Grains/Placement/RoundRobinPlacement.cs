namespace OrleansProc.Grains.Placement;

/// <summary>Places new activations on the compatible silos in turn, so a job's partitions spread over every silo.</summary>
[Serializable]
[GenerateSerializer]
[Immutable]
[SuppressReferenceTracking]
public sealed class RoundRobinPlacement : PlacementStrategy
{
    public static RoundRobinPlacement Singleton { get; } = new();
}
