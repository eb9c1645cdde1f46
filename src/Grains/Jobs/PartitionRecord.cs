using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Grains.Jobs;

/// <summary>A partition in the job's state: its slices (references to blob ranges) and its counters.</summary>
[GenerateSerializer]
[Alias("OrleansProc.PartitionRecord")]
public sealed class PartitionRecord
{
    [Id(0)]
    public List<SliceSpec> Slices { get; set; } = [];

    [Id(1)]
    public PartitionStatus Status { get; set; }

    /// <summary>The current attempt; 0 before the first start.</summary>
    [Id(2)]
    public int Attempt { get; set; }

    /// <summary>Failed attempts so far (an error; a lost silo, a storage outage or a wrong quote guess does not count).</summary>
    [Id(3)]
    public int Failures { get; set; }

    [Id(4)]
    public long Rows { get; set; }

    [Id(5)]
    public long Bytes { get; set; }

    /// <summary>Quote bytes per slice from the successful attempt.</summary>
    [Id(6)]
    public List<long> QuoteCounts { get; set; } = [];

    [Id(7)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(8)]
    public string Silo { get; set; } = string.Empty;

    [Id(9)]
    public long BadRecords { get; set; }

    /// <summary>The error of a <see cref="PartitionStatus.Suspect"/> attempt.</summary>
    [Id(10)]
    public string? Error { get; set; }

    /// <summary>A pending retry starts no earlier than this (backoff).</summary>
    [Id(11)]
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>Attempts lost to a storage outage: retried while the outage lasts, not counted in <see cref="Failures"/>.</summary>
    [Id(12)]
    public int StorageRetries { get; set; }

    /// <summary>The output blocks the successful attempt of a transform staged.</summary>
    [Id(13)]
    public int OutputBlocks { get; set; }

    /// <summary>Attempts lost with their silo (it died or stopped answering): not counted in <see cref="Failures"/>.</summary>
    [Id(14)]
    public int LostAttempts { get; set; }

    public long PlannedBytes(IReadOnlyDictionary<string, long> lengths) => Slices.Sum(s =>
        Math.Min(s.RangeEnd, lengths.TryGetValue(s.BlobName, out var length) ? length : 0) - s.RangeStart);
}
