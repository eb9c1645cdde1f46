using System.Globalization;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs;

/// <summary>A job's partitions from its stored state, as <see cref="IJobGrain.GetPartitionsAsync"/> returns them.</summary>
public static class PartitionDetails
{
    public static IReadOnlyList<PartitionDetail> From(JobRecord job) => job.Partitions.Select((p, index) => new PartitionDetail
    {
        Index = index,
        Status = p.Status.ToString(),
        Silo = p.Silo,
        Attempt = p.Attempt,
        Failures = p.Failures,
        Rows = p.Rows,
        Bytes = p.Bytes,
        BadRecords = p.BadRecords,
        StartedAt = p.Attempt > 0 ? p.StartedAt : null,
        FinishedAt = p.FinishedAt,
        Source = Describe(p),
        Error = p.Error,
    }).ToList();

    /// <summary>"blob [start, end)" of the first slice ("blob" for a whole blob), with "+N blobs" for a pack.</summary>
    public static string Describe(PartitionRecord partition)
    {
        if (partition.Slices.Count == 0)
        {
            return string.Empty;
        }

        var first = partition.Slices[0];
        var text = first.RangeEnd == long.MaxValue && first.RangeStart == 0
            ? first.BlobName
            : string.Create(CultureInfo.InvariantCulture, $"{first.BlobName} [{first.RangeStart}, {(first.RangeEnd == long.MaxValue ? "end" : first.RangeEnd.ToString(CultureInfo.InvariantCulture))})");
        return partition.Slices.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{text} +{partition.Slices.Count - 1} blobs")
            : text;
    }
}
