using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Contracts.Telemetry;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.UserProcessors;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Processors;
using OrleansProc.Grains.Storage;
using OrleansProc.Grains.Telemetry;

namespace OrleansProc.Grains.Partitions;

/// <summary>
/// Runs partition attempts on this silo's bounded worker pool: the Engine's <see cref="PartitionScan"/> over blob
/// ranges (the assignment's plan says how to read and what to compute; the processor comes from this silo's
/// <see cref="ProcessorCache"/>), then writes the partial blob. Off the grain scheduler, so scanning
/// never starves the silo.
/// </summary>
public sealed partial class PartitionRunner(
    BlobStore store,
    ProcessorCache processors,
    ProcessorPackages packages,
    SiloLoadCounters counters,
    OrleansProcMetrics metrics,
    TimeProvider time,
    IOptions<WorkerOptions> options,
    ILogger<PartitionRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.Slots, options.Value.Slots);

    public int Slots => options.Value.Slots;

    public void Dispose() => _slots.Dispose();

    /// <summary>Runs one attempt to the end and returns its receipt; never throws but for cancellation.</summary>
    public async Task<PartitionReport> RunAsync(PartitionAssignment assignment, string silo, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var span = OrleansProcActivities.StartAttempt(assignment.JobId, assignment.Index, assignment.Attempt);
        var started = time.GetTimestamp();
        var outcome = Outcomes.Cancelled;
        counters.Started();
        metrics.AttemptStarted();
        LogAttemptStarted(logger, assignment.JobId, assignment.Index, assignment.Attempt, assignment.Slices.Count);
        try
        {
            var report = await Task.Run(() => ExecuteAsync(assignment, silo, cancellationToken), cancellationToken).ConfigureAwait(false);
            outcome = report.Succeeded ? Outcomes.Succeeded : Outcomes.Failed;
            return report;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A fault of the attempt's own error handling (describing a bad record while storage is away) must still
            // end in a report: without one the coordinator would wait on an attempt that no longer runs.
            LogAttemptFailed(logger, e, assignment.JobId, assignment.Index);
            outcome = Outcomes.Failed;
            var unreachable = StorageFaults.IsUnreachable(e);
            return NewReport(assignment, silo) with
            {
                Error = unreachable ? $"storage unreachable ({CallFailures.FirstLine(e)})" : SecretText.Scrub($"{e.GetType().Name}: {e.Message}"),
                StorageUnreachable = unreachable,
            };
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            counters.Finished();
            metrics.AttemptFinished(outcome, elapsed);
            span?.SetTag(TelemetryNames.OutcomeTag, outcome);
            LogAttemptFinished(logger, assignment.JobId, assignment.Index, assignment.Attempt, outcome, elapsed.TotalSeconds);
            _slots.Release();
        }
    }

    private async Task<PartitionReport> ExecuteAsync(PartitionAssignment assignment, string silo, CancellationToken cancellationToken)
    {
        var report = NewReport(assignment, silo);
        var blob = assignment.Slices.Count > 0 ? assignment.Slices[0].BlobName : "(no blob)";
        try
        {
            var plan = assignment.Plan;
            if (options.Value.FaultHangBlob is { } hang && assignment.Attempt == 1 && assignment.Slices.Any(s => s.BlobName.Contains(hang, StringComparison.Ordinal)))
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false); // until stopped
            }

            var processor = await PlanProcessors.GetAsync(processors, store, packages, assignment.JobId, plan, cancellationToken).ConfigureAwait(false);
            var settings = new PartitionScanSettings
            {
                Format = QueryPlans.FormatOf(plan),
                SkipBadRecords = plan.SkipBadRecords,
                Delimiter = checked((byte)plan.Delimiter),
                StrictQuotes = plan.StrictQuotes,
                MaxRecordBytes = options.Value.MaxRecordBytes,
                ReadAhead = options.Value.ReadAhead,
                SliceStarting = slice =>
                {
                    blob = slice.BlobName;
                    if (options.Value.FaultBlob is { } fault && slice.BlobName.Contains(fault, StringComparison.Ordinal))
                    {
                        throw options.Value.FaultStatus is { } status
                            ? new RequestFailedException(status, $"injected fault (ORLEANSPROC_FAULT_BLOB): status {status}")
                            : new IOException("injected fault (ORLEANSPROC_FAULT_BLOB)");
                    }
                },
                OpenSeekable = (slice, token) => store.OpenSeekableReadAsync(store.Datasets, slice.BlobName, token),
                SliceScanned = (_, result) =>
                {
                    counters.Add(result.Records, result.BytesRead);
                    metrics.Read(result.Records, result.BytesRead);
                },
            };

            var output = processor.WritesOutputRows
                ? new BlockStagingStream(store.Datasets.GetBlockBlobClient(assignment.OutputBlob!), assignment.Attempt, cancellationToken)
                : null;
            var partial = processor.CreatePartial(output, assignment.Index, cancellationToken);
            PartitionScanResult scan;
            await using (output)
            {
                var slices = assignment.Slices.Select(SliceSpecs.ToInput).ToList();
                var planned = assignment.Slices.GroupBy(s => s.BlobName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                scan = await PartitionScan.ScanAsync(slices, (slice, ct) => OpenSliceAsync(slice, planned[slice.BlobName], ct), processor, partial, settings, cancellationToken).ConfigureAwait(false);
                if (scan.Error is { } error)
                {
                    return report with
                    {
                        Error = await DescribeAsync(error.Record, assignment.Slices, cancellationToken).ConfigureAwait(false),
                        Permanent = true,
                        SliceQuoteCounts = error.QuoteCount is { } quotes && assignment.Slices.Count == 1 ? [quotes] : [],
                        SliceQuoteTransfers = error.QuoteTransfer is { } transfer && assignment.Slices.Count == 1 ? [transfer.Code] : [],
                    };
                }

                if (output is not null)
                {
                    await output.CompleteAsync().ConfigureAwait(false);
                }
            }

            var samples = new List<string>(scan.BadRecordSamples.Count);
            foreach (var sample in scan.BadRecordSamples)
            {
                samples.Add(await DescribeAsync(sample, assignment.Slices, cancellationToken).ConfigureAwait(false));
            }

            ReadOnlyMemory<byte> inlinePartial;
            bool onlyInReport;
            using (var buffer = new MemoryStream())
            {
                partial.WriteTo(buffer);
                cancellationToken.ThrowIfCancellationRequested();
                onlyInReport = assignment.PartialInReport && buffer.Length <= InlineLimits.MaxPartialBytes;
                if (!onlyInReport)
                {
                    await store.UploadAsync(store.Jobs, assignment.PartialBlob, new BinaryData(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), cancellationToken).ConfigureAwait(false);
                }

                inlinePartial = buffer.Length <= InlineLimits.MaxPartialBytes ? buffer.ToArray() : ReadOnlyMemory<byte>.Empty;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                // Stopped while uploading: the coordinator may have cleaned up already, so take the partial back.
                await store.DeleteIfExistsAsync(store.Jobs, assignment.PartialBlob, CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return report with
            {
                Succeeded = true,
                Rows = scan.Rows,
                Bytes = scan.Bytes,
                BadRecords = scan.BadRecords,
                BadRecordSamples = samples,
                SliceQuoteCounts = scan.QuoteCounts,
                SliceQuoteTransfers = scan.QuoteTransfers.Select(t => t is { } transfer ? transfer.Code : -1).ToList(),
                OutputBlocks = output?.Blocks ?? 0,
                RowGroupsSkipped = scan.RowGroupsSkipped,
                InlinePartial = inlinePartial,
                PartialOnlyInReport = onlyInReport,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (InputChangedException.Find(e) is { } changed)
        {
            // A join's broadcast table changed since the plan: the job fails (or is planned again) as for its scanned dataset.
            LogInputChanged(logger, assignment.JobId, assignment.Index, changed.Blob);
            return report with { Error = InputSnapshot.ChangedError(changed.Dataset, assignment.JobId, changed.Blob), Permanent = true, InputChanged = true };
        }
        catch (Exception e) when (e is QueryException or OverflowException or FormatException or InvalidCastException)
        {
            return report with { Error = SecretText.Scrub(e.Message), Permanent = true };
        }
        catch (UserProcessorException e)
        {
            // The processor's own failure, named with its partition: the attempt is retried like any other failure.
            LogAttemptFailed(logger, e, assignment.JobId, assignment.Index);
            return report with { Error = SecretText.Scrub(e.Message) };
        }
        catch (Exception e) when (StorageFaults.IsUnreachable(e))
        {
            LogStorageUnreachable(logger, assignment.JobId, assignment.Index, assignment.Attempt, e.Message);
            return report with { Error = $"blob {blob}: storage unreachable ({CallFailures.FirstLine(e)})", StorageUnreachable = true };
        }
        catch (Exception e) when (InputSnapshot.ETagOf(assignment.Slices, blob) is not null && InputSnapshot.IsChanged(e))
        {
            LogInputChanged(logger, assignment.JobId, assignment.Index, blob);
            return report with { Error = InputSnapshot.ChangedError(assignment.Plan.Dataset, assignment.JobId, blob), Permanent = true, InputChanged = true };
        }
        catch (RequestFailedException e)
        {
            LogStorageFailure(logger, assignment.JobId, assignment.Index, e.Status, e.ErrorCode);
            return report with { Error = $"blob {blob}: storage request failed ({e.Status} {e.ErrorCode})" };
        }
        catch (Exception e)
        {
            LogAttemptFailed(logger, e, assignment.JobId, assignment.Index);
            return report with { Error = SecretText.Scrub($"blob {blob}: {e.GetType().Name}: {e.Message}") };
        }
    }

    /// <summary>
    /// A slice read to the blob's end streams in one request; a range that ends mid-blob streams to its end and some
    /// slack in one request, and past it in small ones only as far as the scan goes (it stops a record past the end).
    /// A range starting mid-blob is read from the byte before it (the scanner checks for a record end there). Every
    /// read is If-Match the blob's ETag as planned (see <see cref="InputSnapshot"/>).
    /// </summary>
    private Task<Stream> OpenSliceAsync(InputSlice slice, SliceSpec planned, CancellationToken cancellationToken)
    {
        var position = slice.RangeStart > 0 ? slice.RangeStart - 1 : 0;
        return slice.RangeEnd == long.MaxValue
            ? store.OpenStreamingReadAsync(store.Datasets, slice.BlobName, position, planned.ETag, cancellationToken)
            : store.OpenRangeReadAsync(store.Datasets, slice.BlobName, position, slice.RangeEnd, planned.ETag, planned.BlobLength, cancellationToken);
    }

    /// <summary>
    /// Names the blob, the line and the reason (see <see cref="BadRecordLocator"/>). The line number is a courtesy:
    /// without storage, the byte offset names the record.
    /// </summary>
    private async Task<string> DescribeAsync(BadRecord record, IReadOnlyList<SliceSpec> slices, CancellationToken cancellationToken)
    {
        try
        {
            return (await BadRecordLocator.LocateAsync(
                record,
                async (blobName, endOffset, ct) => await store.OpenRangeReadAsync(store.Datasets, blobName, 0, endOffset, InputSnapshot.ETagOf(slices, blobName), -1, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false)).ToString();
        }
        catch (Exception e) when (e is RequestFailedException || StorageFaults.IsUnreachable(e))
        {
            return record.ToString();
        }
    }

    private static PartitionReport NewReport(PartitionAssignment assignment, string silo) =>
        new() { JobId = assignment.JobId, Index = assignment.Index, Attempt = assignment.Attempt, Epoch = assignment.Epoch, Silo = silo };


    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} partition {Index} attempt {Attempt} started: {Slices} slices")]
    private static partial void LogAttemptStarted(ILogger logger, string jobId, int index, int attempt, int slices);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} partition {Index} attempt {Attempt} {Outcome} after {Seconds:0.000} s")]
    private static partial void LogAttemptFinished(ILogger logger, string jobId, int index, int attempt, string outcome, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index} attempt {Attempt}: storage unreachable: {Error}")]
    private static partial void LogStorageUnreachable(ILogger logger, string jobId, int index, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index}: storage request failed with {Status} {ErrorCode}")]
    private static partial void LogStorageFailure(ILogger logger, string jobId, int index, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index}: blob {Blob} changed since the job was planned")]
    private static partial void LogInputChanged(ILogger logger, string jobId, int index, string blob);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} partition {Index}: attempt failed")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string jobId, int index);
}
