namespace OrleansProc.Engine.Io;

/// <summary>
/// Plans the partitions of a job from the blobs of a dataset.
/// </summary>
/// <remarks>
/// Blobs are taken in ordinal order of their names. A plain blob longer than the partition size is cut into
/// ceil(length / size) nearly equal byte ranges, each its own partition (so a range scanned under a wrong quote
/// guess is re-run alone); the last range ends at <see cref="long.MaxValue"/>, the others at the next range's start.
/// A gzip blob is never cut, nor is any blob when <c>cutBlobs</c> is false (a format that cannot be cut, see
/// <see cref="Schema.DataFormats.CanCutRanges"/>). Other blobs (small ones, zero-length ones and gzip ones) are packed, in order, into
/// partitions of at most the partition size (a single blob larger than it gets its own) and at most
/// <c>maxBlobsPerPartition</c> blobs; a pack is closed before the ranges of a cut blob, so partitions follow blob
/// order. Zero-length blobs are kept so the scanner can report them.
/// </remarks>
public static class RangeCutter
{
    /// <summary>The smallest default partition.</summary>
    public const long MinDefaultPartitionSize = 1L << 20;

    /// <summary>The largest default partition.</summary>
    public const long MaxDefaultPartitionSize = 64L << 20;

    /// <summary>
    /// The default partition size (local mode and the cluster, when none is given): max(1 MiB, ⌈<paramref name="totalBytes"/> / (4 × <paramref name="parallelism"/>), parallelism being the cores that will scan⌉),
    /// capped at 64 MiB. Four partitions per core keep every core busy even on one file and make the last partition
    /// to finish short; the cap keeps partials and re-scans small; the floor keeps per-partition overhead negligible.
    /// </summary>
    public static long DefaultPartitionSize(long totalBytes, int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var target = 4L * parallelism;
        return Math.Clamp((totalBytes + target - 1) / target, MinDefaultPartitionSize, MaxDefaultPartitionSize);
    }

    /// <summary>
    /// The default partition size for these blobs: <see cref="DefaultPartitionSize(long, int)"/> of their total, moved
    /// (within <see cref="MinDefaultPartitionSize"/> and <see cref="MaxDefaultPartitionSize"/>) so that the largest blob
    /// that will be cut is cut into the whole number of equal ranges nearest to its length over that size. Without it,
    /// blobs of about the same length, some just over the size (or a multiple of it) and some just under, would be cut
    /// into different numbers of ranges: partitions of two sizes, and a long one may be the last to finish.
    /// </summary>
    /// <param name="blobs">The dataset's blobs.</param>
    /// <param name="parallelism">The cores that will scan.</param>
    /// <param name="cutBlobs">Whether the format's blobs may be cut into byte ranges (gzip blobs never are).</param>
    public static long DefaultPartitionSize(IReadOnlyList<BlobInfo> blobs, int parallelism, bool cutBlobs)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var size = DefaultPartitionSize(blobs.Sum(b => b.Length), parallelism);
        var largest = cutBlobs ? blobs.Where(b => !b.Gzip).Select(b => b.Length).DefaultIfEmpty(0).Max() : 0;
        if (largest <= size)
        {
            return size;
        }

        // The whole number of ranges nearest to the largest blob's share of the size, as many more as the cap needs.
        var ranges = Math.Max((largest + (size / 2)) / size, (largest + MaxDefaultPartitionSize - 1) / MaxDefaultPartitionSize);
        return Math.Max(MinDefaultPartitionSize, (largest + ranges - 1) / ranges);
    }

    public static IReadOnlyList<PartitionSlices> Plan(IReadOnlyList<BlobInfo> blobs, long partitionSize, int maxBlobsPerPartition = 512, bool cutBlobs = true)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlobsPerPartition, 1);

        var ordered = blobs.OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Length < 0)
            {
                throw new ArgumentException($"Blob '{ordered[i].Name}' has a negative length.", nameof(blobs));
            }

            if (i > 0 && string.Equals(ordered[i - 1].Name, ordered[i].Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Blob '{ordered[i].Name}' is listed twice.", nameof(blobs));
            }
        }

        var partitions = new List<PartitionSlices>();
        var pack = new List<InputSlice>();
        long packBytes = 0;

        void ClosePack()
        {
            if (pack.Count > 0)
            {
                partitions.Add(new PartitionSlices(partitions.Count, pack, packBytes));
                pack = [];
                packBytes = 0;
            }
        }

        foreach (var blob in ordered)
        {
            if (cutBlobs && !blob.Gzip && blob.Length > partitionSize)
            {
                ClosePack();
                var count = (blob.Length + partitionSize - 1) / partitionSize;
                for (long r = 0; r < count; r++)
                {
                    var start = Cut(blob.Length, r, count);
                    var end = r == count - 1 ? long.MaxValue : Cut(blob.Length, r + 1, count);
                    var bytes = (r == count - 1 ? blob.Length : end) - start;
                    partitions.Add(new PartitionSlices(partitions.Count, [new InputSlice(blob.Name, start, end, false)], bytes));
                }

                continue;
            }

            if (pack.Count > 0 && (packBytes + blob.Length > partitionSize || pack.Count >= maxBlobsPerPartition))
            {
                ClosePack();
            }

            pack.Add(new InputSlice(blob.Name, 0, long.MaxValue, blob.Gzip));
            packBytes += blob.Length;
        }

        ClosePack();
        return partitions;
    }

    private static long Cut(long length, long index, long count) => (long)((Int128)length * index / count);
}
