using System.ComponentModel.DataAnnotations;

namespace OrleansProc.Grains.Partitions;

/// <summary>How a silo runs partition work.</summary>
public sealed class WorkerOptions
{
    /// <summary>Partitions scanned at once on this silo. Default: the number of cores (CPU-bound work should not oversubscribe).</summary>
    [Range(1, 1024)]
    public int Slots { get; set; } = Environment.ProcessorCount;
}
