using System.Globalization;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Grains.Jobs;

/// <summary>A job's partitions from its stored state and plan, as <see cref="IJobGrain.GetPartitionsAsync"/> returns them.</summary>
public static class PartitionDetails
{
    public static IReadOnlyList<PartitionDetail> From(JobRecord job, IReadOnlyList<IReadOnlyList<SliceSpec>> plan) => job.Partitions.Select((p, index) => new PartitionDetail
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
        Source = index < plan.Count ? Describe(plan[index]) : string.Empty,
        Error = p.Error,
    }).ToList();

    /// <summary>"blob [start, end)" of the first slice ("blob" for a whole blob), with "+N blobs" for a pack.</summary>
    public static string Describe(IReadOnlyList<SliceSpec> slices)
    {
        if (slices.Count == 0)
        {
            return string.Empty;
        }

        var first = slices[0];
        var text = first.RangeEnd == long.MaxValue && first.RangeStart == 0
            ? first.BlobName
            : string.Create(CultureInfo.InvariantCulture, $"{first.BlobName} [{first.RangeStart}, {(first.RangeEnd == long.MaxValue ? "end" : first.RangeEnd.ToString(CultureInfo.InvariantCulture))})");
        return slices.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{text} +{slices.Count - 1} blobs")
            : text;
    }
}
