using System.Runtime.ExceptionServices;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Local;

/// <summary>The state of one <see cref="LocalJobRunner.RunAsync"/>: the plan, one outcome per partition, progress.</summary>
internal sealed class LocalRun
{
    /// <summary>The scanner reads into its own 1 MiB buffers; a file-stream buffer would only copy the bytes twice.</summary>
    private const int NoFileBuffer = 0;
    private const int GzipFileBuffer = 1 << 20;

    private readonly LocalJob _job;
    private readonly DataFormat _format;
    private readonly TableSchema _schema;
    private readonly IPartitionProcessor _processor;
    private readonly IReadOnlyList<PartitionSlices> _plan;
    private readonly IProgress<LocalProgress>? _progress;
    private readonly PartitionOutcome?[] _outcomes;
    private readonly string? _outputDirectory;
    private readonly Lock _progressLock = new();
    private int _firstFailure = int.MaxValue;
    private int _done;
    private long _rows;
    private long _bytes;

    public LocalRun(LocalJob job, DataFormat format, TableSchema schema, IPartitionProcessor processor, IReadOnlyList<PartitionSlices> plan, IProgress<LocalProgress>? progress)
    {
        _job = job;
        _format = format;
        _schema = schema;
        _processor = processor;
        _plan = plan;
        _progress = progress;
        _outcomes = new PartitionOutcome?[plan.Count];
        _outputDirectory = processor.WritesOutputRows ? job.OutputDirectory : null;
    }

    public async Task<LocalRunResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (_outputDirectory is not null)
        {
            Directory.CreateDirectory(_outputDirectory);
        }

        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _job.DegreeOfParallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Indices(_plan.Count), parallel, ScanFirstAsync).ConfigureAwait(false);

            var rescans = FindWrongGuesses();
            var failure = Volatile.Read(ref _firstFailure);
            var needed = rescans.FindAll(fix => fix.Partition < failure);
            if (needed.Count > 0)
            {
                await Parallel.ForEachAsync(needed, parallel, RescanAsync).ConfigureAwait(false);
            }

            await ThrowFirstErrorAsync(cancellationToken).ConfigureAwait(false);
            return await FinishAsync(rescans.Count, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            DeleteOutputs();
            throw;
        }
    }

    private static IEnumerable<int> Indices(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i;
        }
    }

    private async ValueTask ScanFirstAsync(int index, CancellationToken cancellationToken)
    {
        // A partition after a confirmed error cannot change the answer (the run fails with the first error).
        if (index > Volatile.Read(ref _firstFailure))
        {
            return;
        }

        var outcome = await ScanPartitionAsync(index, startsInsideQuotes: false, cancellationToken).ConfigureAwait(false);
        outcome.Verified = !IsMidFileCsvRange(index);
        _outcomes[index] = outcome;
        if (outcome.Error is not null && outcome.Verified)
        {
            var seen = Volatile.Read(ref _firstFailure);
            while (index < seen)
            {
                var previous = Interlocked.CompareExchange(ref _firstFailure, index, seen);
                if (previous == seen)
                {
                    break;
                }

                seen = previous;
            }
        }

        Report(null, outcome);
    }

    private async ValueTask RescanAsync(QuoteParityFixAt fix, CancellationToken cancellationToken)
    {
        var outcome = await ScanPartitionAsync(fix.Partition, fix.StartsInsideQuotes, cancellationToken).ConfigureAwait(false);
        outcome.Verified = true;
        var previous = _outcomes[fix.Partition];
        _outcomes[fix.Partition] = outcome;
        Report(previous, outcome);
    }

    private void Report(PartitionOutcome? previous, PartitionOutcome outcome)
    {
        lock (_progressLock)
        {
            if (previous is null)
            {
                _done++;
            }
            else
            {
                _rows -= previous.Rows;
                _bytes -= previous.Bytes;
            }

            _rows += outcome.Rows;
            _bytes += outcome.Bytes;
            _progress?.Report(new LocalProgress(_done, _plan.Count, _rows, _bytes));
        }
    }

    /// <summary>True for a range of a cut CSV file that starts mid-file: its start state is a guess.</summary>
    private bool IsMidFileCsvRange(int index) =>
        _format == DataFormat.Csv && _plan[index].Slices is [{ RangeStart: > 0 }];

    private bool IsCutRange(int index) =>
        _format == DataFormat.Csv && _plan[index].Slices is [{ IsWholeBlob: false }];

    /// <summary>
    /// Checks the guesses of every cut CSV file's ranges (consecutive partitions, in range order) with
    /// <see cref="QuoteParity.FindWrongGuesses"/>, over the leading ranges whose quote counts are known; marks the
    /// right guesses verified and returns the wrong ones.
    /// </summary>
    private List<QuoteParityFixAt> FindWrongGuesses()
    {
        var fixes = new List<QuoteParityFixAt>();
        var reports = new List<RangeQuoteReport>();
        var i = 0;
        while (i < _plan.Count)
        {
            if (!IsCutRange(i))
            {
                i++;
                continue;
            }

            var first = i;
            var blob = _plan[i].Slices[0].BlobName;
            reports.Clear();
            var known = true;
            for (; i < _plan.Count && IsCutRange(i) && string.Equals(_plan[i].Slices[0].BlobName, blob, StringComparison.Ordinal); i++)
            {
                // The chain of quote counts ends at the first range not scanned or without a count (such a range
                // lies after a confirmed error, so later ranges do not matter).
                if (known && _outcomes[i] is { } outcome && outcome.QuoteCounts[0] >= 0)
                {
                    reports.Add(new RangeQuoteReport(outcome.QuoteCounts[0], outcome.StartsInsideQuotes));
                }
                else
                {
                    known = false;
                }
            }

            var wrong = QuoteParity.FindWrongGuesses(reports);
            var next = 0;
            for (var r = 0; r < reports.Count; r++)
            {
                if (next < wrong.Count && wrong[next].RangeIndex == r)
                {
                    fixes.Add(new QuoteParityFixAt(first + r, wrong[next].StartsInsideQuotes));
                    next++;
                }
                else
                {
                    _outcomes[first + r]!.Verified = true;
                }
            }
        }

        return fixes;
    }

    /// <summary>Throws the first verified bad-record error in partition order, with its line.</summary>
    private async Task ThrowFirstErrorAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _outcomes.Length; i++)
        {
            if (_outcomes[i] is { Error: { } error, Verified: true })
            {
                var record = await LocateAsync(error.Record, cancellationToken).ConfigureAwait(false);
                if (ReferenceEquals(record, error.Record) && error.QuoteCount is null)
                {
                    ExceptionDispatchInfo.Throw(error);
                }

                throw new BadRecordException(record);
            }
        }

        // Every error left is unverified, which happens only after a verified one; a skipped partition likewise.
        for (var i = 0; i < _outcomes.Length; i++)
        {
            if (_outcomes[i] is null || _outcomes[i]!.Error is not null)
            {
                throw new InvalidOperationException($"Partition {i} has no result and no error was confirmed before it.");
            }
        }
    }

    private async Task<LocalRunResult> FinishAsync(int rescans, CancellationToken cancellationToken)
    {
        var merged = _processor.CreatePartial(_processor.WritesOutputRows ? Stream.Null : null);
        long rows = 0, bytes = 0, bad = 0;
        var samples = new List<BadRecord>();
        foreach (var outcome in _outcomes)
        {
            merged.Merge(outcome!.Partial!);
            rows += outcome.Rows;
            bytes += outcome.Bytes;
            bad += outcome.BadRecords;
            foreach (var sample in outcome.Samples)
            {
                if (samples.Count < _job.MaxBadRecordSamples)
                {
                    samples.Add(await LocateAsync(sample, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        var table = _processor.Finish(merged);
        return new LocalRunResult(table, rows, bytes, bad, samples, _plan.Count, rescans);
    }

    private async Task<PartitionOutcome> ScanPartitionAsync(int index, bool startsInsideQuotes, CancellationToken cancellationToken)
    {
        var partition = _plan[index];
        var outcome = new PartitionOutcome(partition.Slices.Count, startsInsideQuotes);
        Stream? output = null;
        if (_processor.WritesOutputRows)
        {
            output = _outputDirectory is null
                ? Stream.Null
                : new FileStream(PartPath(index), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        }

        try
        {
            var partial = _processor.CreatePartial(output);
            for (var s = 0; s < partition.Slices.Count; s++)
            {
                var slice = partition.Slices[s];
                var options = new ScanOptions
                {
                    Format = _format,
                    Schema = _schema,
                    NeededColumns = _processor.NeededColumns,
                    SourceName = slice.BlobName,
                    RangeStart = slice.RangeStart,
                    RangeEnd = slice.RangeEnd,
                    StartsInsideQuotes = startsInsideQuotes,
                    SkipBadRecords = _job.SkipBadRecords,
                    MaxBadRecordSamples = _job.MaxBadRecordSamples,
                };

                ScanResult result;
                try
                {
                    result = await ScanSliceAsync(slice, options, partial, cancellationToken).ConfigureAwait(false);
                }
                catch (BadRecordException e)
                {
                    outcome.Error = e;
                    outcome.QuoteCounts[s] = e.QuoteCount ?? -1;
                    return outcome;
                }

                outcome.Rows += result.Records;
                outcome.Bytes += result.BytesRead;
                outcome.BadRecords += result.BadRecords;
                outcome.QuoteCounts[s] = result.QuoteCount;
                for (var b = 0; b < result.BadRecordSamples.Count && outcome.Samples.Count < _job.MaxBadRecordSamples; b++)
                {
                    outcome.Samples.Add(result.BadRecordSamples[b]);
                }
            }

            partial.Complete();
            outcome.Partial = partial;
            return outcome;
        }
        finally
        {
            if (output is FileStream file)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<ScanResult> ScanSliceAsync(InputSlice slice, ScanOptions options, IRowSink sink, CancellationToken cancellationToken)
    {
        var file = new FileStream(
            slice.BlobName,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            slice.Gzip ? GzipFileBuffer : NoFileBuffer,
            FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            if (slice.RangeStart > 0)
            {
                file.Position = slice.RangeStart - 1;
            }

            if (!slice.Gzip)
            {
                return await RecordScanner.ScanAsync(file, options, sink, cancellationToken).ConfigureAwait(false);
            }

            var gzip = GzipInputStream.Open(file, slice.BlobName, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                return await RecordScanner.ScanAsync(gzip, options, sink, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Fills in the line of a record found in a range that started mid-file (not for gzip: its offsets are decompressed).</summary>
    private static async Task<BadRecord> LocateAsync(BadRecord record, CancellationToken cancellationToken)
    {
        if (record.Line is not null || LocalJobRunner.IsGzip(record.Source) || !File.Exists(record.Source))
        {
            return record;
        }

        var file = new FileStream(record.Source, FileMode.Open, FileAccess.Read, FileShare.Read, NoFileBuffer, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            var line = await LineLocator.CountLinesAsync(file, record.ByteOffset, cancellationToken).ConfigureAwait(false);
            return record with { Line = line };
        }
    }

    private string PartPath(int index) => Path.Join(_outputDirectory, $"part-{index:D6}.csv");

    private void DeleteOutputs()
    {
        if (_outputDirectory is null)
        {
            return;
        }

        for (var i = 0; i < _plan.Count; i++)
        {
            try
            {
                File.Delete(PartPath(i));
            }
            catch (IOException)
            {
                // Best effort: a part file that cannot be deleted is left.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>A partition to scan again with the right quote state.</summary>
    private readonly record struct QuoteParityFixAt(int Partition, bool StartsInsideQuotes);
}
