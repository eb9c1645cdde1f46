using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// Scans one partition, the same way for local files and for blob ranges: each slice in order is opened by the
/// caller's delegate, decompressed when it is gzip, and read by <see cref="RecordScanner"/> into the partition's
/// partial, parsing only the columns the processor needs.
/// </summary>
/// <remarks>
/// The stream <c>open</c> returns must start where <see cref="ScanOptions"/> says: at the blob start for a range
/// starting at 0, else at <c>RangeStart - 1</c> (for gzip, always the blob start: a gzip blob is never cut). The scan
/// disposes it. Parquet goes its own way (see <see cref="ParquetPartitionScan"/>): each slice's file is opened whole
/// and seekable, and the row groups that start in the slice's range are read. A bad record (not skipped) ends the scan: it is returned in <see cref="PartitionScanResult.Error"/>,
/// with the quote counts known so far, and the partial is left incomplete; any other exception (I/O, a value the
/// query cannot compute) is thrown as it is. On success the partial is completed.
/// </remarks>
public static class PartitionScan
{
    /// <summary>Scans <paramref name="slices"/> into <paramref name="partial"/>, a partial of <paramref name="processor"/>.</summary>
    public static async Task<PartitionScanResult> ScanAsync(
        IReadOnlyList<InputSlice> slices,
        Func<InputSlice, CancellationToken, Task<Stream>> open,
        IPartitionProcessor processor,
        IPartial partial,
        PartitionScanSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slices);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(partial);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Format == DataFormat.Parquet)
        {
            return await ParquetPartitionScan.ScanAsync(slices, open, processor, partial, settings, cancellationToken).ConfigureAwait(false);
        }

        long rows = 0, bytes = 0, bad = 0;
        var samples = new List<BadRecord>();
        var quotes = new long[slices.Count];
        Array.Fill(quotes, -1);
        var transfers = new QuoteTransfer?[slices.Count];
        var reads = new SliceReadAhead(slices, open, settings.ReadAhead, cancellationToken);
        await using (reads.ConfigureAwait(false))
        {
            for (var s = 0; s < slices.Count; s++)
            {
                var slice = slices[s];
                settings.SliceStarting?.Invoke(slice);
                var options = new ScanOptions
                {
                    Format = settings.Format,
                    Schema = processor.InputSchema,
                    NeededColumns = processor.NeededColumns,
                    SourceName = slice.BlobName,
                    RangeStart = slice.RangeStart,
                    RangeEnd = slice.RangeEnd,
                    StartsInsideQuotes = slice.StartsInsideQuotes,
                    StartsInUnquotedField = slice.StartsInUnquotedField,
                    Delimiter = settings.Delimiter,
                    StrictQuotes = settings.StrictQuotes,
                    SkipBadRecords = settings.SkipBadRecords,
                    MaxBadRecordSamples = settings.MaxBadRecordSamples,
                    MaxRecordBytes = settings.MaxRecordBytes,
                };

                ScanResult result;
                try
                {
                    result = await ScanSliceAsync(slice, await reads.NextAsync().ConfigureAwait(false), options, partial, cancellationToken).ConfigureAwait(false);
                }
                catch (BadRecordException e)
                {
                    quotes[s] = e.QuoteCount ?? -1;
                    transfers[s] = e.QuoteTransfer;
                    return new PartitionScanResult { Rows = rows, Bytes = bytes, BadRecords = bad, QuoteCounts = quotes, QuoteTransfers = transfers, BadRecordSamples = samples, Error = e };
                }

                rows += result.Records;
                bytes += result.BytesRead;
                bad += result.BadRecords;
                quotes[s] = result.QuoteCount;
                transfers[s] = result.QuoteTransfer;
                for (var b = 0; b < result.BadRecordSamples.Count && samples.Count < settings.MaxBadRecordSamples; b++)
                {
                    samples.Add(result.BadRecordSamples[b]);
                }

                settings.SliceScanned?.Invoke(slice, result);
            }
        }

        partial.Complete();
        return new PartitionScanResult { Rows = rows, Bytes = bytes, BadRecords = bad, QuoteCounts = quotes, QuoteTransfers = transfers, BadRecordSamples = samples };
    }

    private static async Task<ScanResult> ScanSliceAsync(InputSlice slice, Stream opened, ScanOptions options, IRowSink sink, CancellationToken cancellationToken)
    {
        await using (opened.ConfigureAwait(false))
        {
            if (!slice.Gzip)
            {
                return await RecordScanner.ScanAsync(opened, options, sink, cancellationToken).ConfigureAwait(false);
            }

            var gzip = GzipInputStream.Open(opened, slice.BlobName, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                return await RecordScanner.ScanAsync(gzip, options, sink, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
