using Azure;
using Azure.Storage.Blobs.Models;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Datasets;

namespace OrleansProc.Grains.Storage;

/// <summary>
/// A job reads its input as the planner listed it: each slice carries its blob's ETag and length, every read is
/// If-Match that ETag, and a blob replaced or deleted since answers 412 or 404, which ends the attempt with
/// <see cref="ChangedError"/> instead of mixing two versions. Reusable by any input a job reads from blob storage
/// (a dataset's blobs, a joined table's).
/// </summary>
public static class InputSnapshot
{
    /// <summary>How many times a job with <c>--snapshot retry</c> is planned again before it fails.</summary>
    public const int MaxReplans = 3;

    /// <summary>How often a re-plan looks again at a dataset that is still being replaced.</summary>
    public static readonly TimeSpan SettleInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a re-plan waits for a dataset being replaced to be registered again before the job fails.</summary>
    public static readonly TimeSpan MaxSettleWait = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Why the listed blobs are not the dataset as registered (its manifest's blob set), or null when they are (or the
    /// manifest records no blobs): a dataset in the middle of `dataset upload` or `generate`.
    /// </summary>
    public static string? Unsettled(DatasetManifest manifest, IReadOnlyList<DatasetBlob> listed)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(listed);
        if (manifest.Blobs is not { } registered)
        {
            return null;
        }

        var same = listed.Count == registered.Count
            && listed.All(b => registered.TryGetValue(b.Name, out var etag) && string.Equals(etag, b.ETag ?? string.Empty, StringComparison.Ordinal));
        return same ? null : $"its {listed.Count} blobs are not the {registered.Count} it was registered with (being replaced?)";
    }

    /// <summary>The error of a job whose input changed while it read it.</summary>
    public static string ChangedError(string dataset, string jobId, string blob) =>
        $"dataset {dataset} changed while job {jobId} read it (blob {blob})";

    /// <summary>The conditions of a read pinned to <paramref name="etag"/> (none when the plan has no ETag).</summary>
    public static BlobRequestConditions? Conditions(string? etag) =>
        etag is null ? null : new BlobRequestConditions { IfMatch = new ETag(etag) };

    /// <summary>
    /// True when a pinned read failed because the blob is no longer the planned version (412), is gone (404), or ends
    /// before a position the plan read from (416: planned positions lie inside the blob as listed).
    /// </summary>
    public static bool IsChanged(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RequestFailedException { Status: 412 or 404 or 416 }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsChanged):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The slices with the ETag and length of their blob as listed at planning.</summary>
    public static IReadOnlyList<SliceSpec> Pin(IEnumerable<SliceSpec> slices, IReadOnlyDictionary<string, DatasetBlob> blobs)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        return slices
            .Select(s => blobs.TryGetValue(s.BlobName, out var blob) ? s with { ETag = blob.ETag, BlobLength = blob.Length } : s)
            .ToList();
    }

    /// <summary>The planned ETag of a blob among a partition's slices, or null.</summary>
    public static string? ETagOf(IEnumerable<SliceSpec> slices, string blobName) =>
        slices.FirstOrDefault(s => string.Equals(s.BlobName, blobName, StringComparison.Ordinal))?.ETag;
}
