using System.ComponentModel.DataAnnotations;

namespace OrleansProc.Grains.Partitions;

/// <summary>How a silo runs partition work.</summary>
public sealed class WorkerOptions
{
    /// <summary>The default record size limit: 16 MiB.</summary>
    public const int DefaultMaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>Partitions scanned at once on this silo. Default: the number of cores (CPU-bound work should not oversubscribe).</summary>
    [Range(1, 1024)]
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// The longest record a scan accepts, in bytes (ORLEANSPROC_MAX_RECORD_BYTES; default 16 MiB, at least 1 KiB, at most
    /// 1 GiB). A longer one (a 100 MB line without a newline) is a bad record naming the blob and its line; the scan
    /// holds at most about this much of one record in memory.
    /// </summary>
    [Range(1024, 1 << 30)]
    public int MaxRecordBytes { get; set; } = DefaultMaxRecordBytes;

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

    /// <summary>
    /// With <see cref="FaultBlob"/>, for the fault tests (ORLEANSPROC_FAULT_STATUS): the injected fault is a storage answer
    /// of this HTTP status (503, 429: a blob that keeps failing while the rest of storage answers). Default none.
    /// </summary>
    public int? FaultStatus { get; set; }

    /// <summary>
    /// Fault injection for the fault tests (ORLEANSPROC_FAULT_HANG_BLOB): the first attempt of a partition that reads a
    /// blob whose name contains this text hangs until it is stopped (a straggler that says "running" forever). Default none.
    /// </summary>
    public string? FaultHangBlob { get; set; }

    /// <summary>
    /// Fault injection for the fault tests (ORLEANSPROC_FAULT_START): this silo refuses to start any partition of a job
    /// whose id contains this text. Default none.
    /// </summary>
    public string? FaultStart { get; set; }
}
