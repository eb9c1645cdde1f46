using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// <see cref="PartitionScan"/>'s path for Parquet: each slice's file is opened whole and seekable (through
/// <see cref="PartitionScanSettings.OpenSeekable"/>, or the scan's <c>open</c> from byte 0, copied into memory when
/// it cannot seek), and <see cref="ParquetSliceScanner"/> reads the row groups that start in the slice's range.
/// </summary>
internal static class ParquetPartitionScan
{
    public static async Task<PartitionScanResult> ScanAsync(
        IReadOnlyList<InputSlice> slices,
        Func<InputSlice, CancellationToken, Task<Stream>> open,
        IPartitionProcessor processor,
        IPartial partial,
        PartitionScanSettings settings,
        CancellationToken cancellationToken)
    {
        var pruner = RowGroupPruner.For(processor);
        long rows = 0, bytes = 0, skipped = 0;
        foreach (var slice in slices)
        {
            settings.SliceStarting?.Invoke(slice);
            if (slice.Gzip)
            {
                throw new InvalidDataException($"'{slice.BlobName}' is a gzip-compressed Parquet file; Parquet compresses its own pages, so store the file as it is.");
            }

            var whole = slice with { RangeStart = 0, RangeEnd = long.MaxValue };
            var opened = await (settings.OpenSeekable ?? open)(whole, cancellationToken).ConfigureAwait(false);
            ParquetSliceResult result;
            await using (opened.ConfigureAwait(false))
            {
                var seekable = opened.CanSeek ? opened : await CopyToMemoryAsync(opened, cancellationToken).ConfigureAwait(false);
                await using (seekable.ConfigureAwait(false))
                {
                    result = ParquetSliceScanner.Scan(seekable, slice, processor, pruner, partial, cancellationToken);
                }
            }

            rows += result.Rows;
            bytes += result.Bytes;
            skipped += result.RowGroupsSkipped;
            settings.SliceScanned?.Invoke(slice, new ScanResult(result.Rows, result.Bytes, 0, 0, []));
        }

        partial.Complete();
        return new PartitionScanResult { Rows = rows, Bytes = bytes, RowGroupsSkipped = skipped, QuoteCounts = new long[slices.Count] };
    }

    private static async Task<Stream> CopyToMemoryAsync(Stream source, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        await source.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        memory.Position = 0;
        return memory;
    }
}
