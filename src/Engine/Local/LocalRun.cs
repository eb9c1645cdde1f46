using System.Runtime.ExceptionServices;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
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
    private readonly IPartitionProcessor _processor;
    private readonly IReadOnlyList<PartitionSlices> _plan;
    private readonly IProgress<LocalProgress>? _progress;
    private readonly PartitionOutcome?[] _outcomes;
    private readonly string? _outputDirectory;
    private readonly PartitionScanSettings _settings;
    private readonly Lock _progressLock = new();
    private int _firstFailure = int.MaxValue;
    private int _done;
    private long _rows;
    private long _bytes;

    public LocalRun(LocalJob job, DataFormat format, char delimiter, IPartitionProcessor processor, IReadOnlyList<PartitionSlices> plan, IProgress<LocalProgress>? progress)
    {
        _job = job;
        _format = format;
        _processor = processor;
        _plan = plan;
        _progress = progress;
        _outcomes = new PartitionOutcome?[plan.Count];
        _outputDirectory = processor.WritesOutputRows ? job.OutputDirectory : null;
        _settings = new PartitionScanSettings
        {
            Format = format,
            SkipBadRecords = job.SkipBadRecords,
            MaxBadRecordSamples = job.MaxBadRecordSamples,
            Delimiter = checked((byte)delimiter),
            StrictQuotes = job.StrictQuotes,
        };
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
            var needed = rescans.Where(fix => fix.Partition < failure).ToList();
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

        var outcome = await ScanPartitionAsync(index, RangeStartState.Outside, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask RescanAsync(PartitionQuoteFix fix, CancellationToken cancellationToken)
    {
        var outcome = await ScanPartitionAsync(
            fix.Partition,
            fix.StartsInsideQuotes ? RangeStartState.InsideQuotes : fix.StartsInUnquotedField ? RangeStartState.InUnquotedField : RangeStartState.Outside,
            cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Checks the guesses of every cut CSV file's ranges with <see cref="QuoteGuessCheck"/>, over the leading ranges
    /// whose quote counts are known; marks the right guesses verified and returns the wrong ones.
    /// </summary>
    private IReadOnlyList<PartitionQuoteFix> FindWrongGuesses()
    {
        var ranges = new CutRange?[_plan.Count];
        for (var i = 0; _format == DataFormat.Csv && i < _plan.Count; i++)
        {
            var report = _outcomes[i] is { } outcome && outcome.Scan.QuoteCounts[0] >= 0
                ? new RangeQuoteReport(
                    outcome.Scan.QuoteCounts[0],
                    outcome.StartState == RangeStartState.InsideQuotes,
                    outcome.StartState == RangeStartState.InUnquotedField,
                    outcome.Scan.QuoteTransfers[0])
                : (RangeQuoteReport?)null;
            ranges[i] = CutRange.Of(_plan[i].Slices, report);
        }

        var verdict = QuoteGuessCheck.Check(ranges);
        foreach (var right in verdict.RightGuesses)
        {
            _outcomes[right]!.Verified = true;
        }

        return verdict.WrongGuesses;
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
        long rows = 0, bytes = 0, bad = 0, skipped = 0;
        var samples = new List<BadRecord>();
        foreach (var outcome in _outcomes)
        {
            merged.Merge(outcome!.Partial!);
            rows += outcome.Rows;
            bytes += outcome.Bytes;
            bad += outcome.Scan.BadRecords;
            skipped += outcome.Scan.RowGroupsSkipped;
            foreach (var sample in outcome.Scan.BadRecordSamples)
            {
                if (samples.Count < _job.MaxBadRecordSamples)
                {
                    samples.Add(await LocateAsync(sample, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        var table = _processor.Finish(merged);
        return new LocalRunResult(table, rows, bytes, bad, samples, _plan.Count, rescans) { RowGroupsSkipped = skipped };
    }

    private async Task<PartitionOutcome> ScanPartitionAsync(int index, RangeStartState startState, CancellationToken cancellationToken)
    {
        var slices = _plan[index].Slices;
        if (startState != RangeStartState.Outside)
        {
            slices = slices.Select(s => s with
            {
                StartsInsideQuotes = startState == RangeStartState.InsideQuotes,
                StartsInUnquotedField = startState == RangeStartState.InUnquotedField,
            }).ToList();
        }

        Stream? output = null;
        if (_processor.WritesOutputRows)
        {
            output = _outputDirectory is null
                ? Stream.Null
                : new FileStream(PartPath(index), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        }

        try
        {
            var partial = _processor.CreatePartial(output, index, cancellationToken);
            var scan = await PartitionScan.ScanAsync(slices, OpenSliceAsync, _processor, partial, _settings, cancellationToken).ConfigureAwait(false);
            return new PartitionOutcome(scan, scan.Error is null ? partial : null, startState);
        }
        finally
        {
            if (output is FileStream file)
            {
                var empty = file.Length == 0;
                await file.DisposeAsync().ConfigureAwait(false);
                if (empty)
                {
                    File.Delete(file.Name); // a partition without rows leaves no part file, as on the cluster
                }
            }
        }
    }

    /// <summary>Opens a file for a slice's scan: from <c>RangeStart - 1</c> for a range starting mid-file, as <see cref="ScanOptions"/> requires.</summary>
    private static Task<Stream> OpenSliceAsync(InputSlice slice, CancellationToken cancellationToken)
    {
        var file = new FileStream(
            slice.BlobName,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            slice.Gzip ? GzipFileBuffer : NoFileBuffer,
            FileOptions.SequentialScan | FileOptions.Asynchronous);
        try
        {
            if (slice.RangeStart > 0)
            {
                file.Position = slice.RangeStart - 1;
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return Task.FromResult<Stream>(file);
    }

    /// <summary>Fills in the line of a record found in a range that started mid-file (see <see cref="BadRecordLocator"/>).</summary>
    private static Task<BadRecord> LocateAsync(BadRecord record, CancellationToken cancellationToken) =>
        BadRecordLocator.LocateAsync(record, OpenForLocate, cancellationToken);

    private static Task<Stream?> OpenForLocate(string path, long endOffset, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, NoFileBuffer, FileOptions.SequentialScan | FileOptions.Asynchronous)
            : null);

    private string PartPath(int index) => Path.Join(_outputDirectory, OutputFiles.PartName(_job.Processor.OutputFormat, index));

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

}
