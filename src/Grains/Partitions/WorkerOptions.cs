using System.ComponentModel.DataAnnotations;

namespace OrleansProc.Grains.Partitions;

/// <summary>How a silo runs partition work.</summary>
public sealed class WorkerOptions
{
    /// <summary>Partitions scanned at once on this silo. Default: the number of cores (CPU-bound work should not oversubscribe).</summary>
    [Range(1, 1024)]
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Slices (blobs of a pack of small blobs) a partition opens ahead of the one it scans, so it does not wait for
    /// storage once per blob. Default 4.
    /// </summary>
    [Range(0, 64)]
    public int ReadAhead { get; set; } = 4;

    /// <summary>
    /// Fault injection for the fault tests (ORLEANSPROC_FAULT_BLOB): every scan of a blob whose name contains this
    /// text fails with a transient I/O error, as a poison blob would. Default none.
    /// </summary>
    public string? FaultBlob { get; set; }
}
