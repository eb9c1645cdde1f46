using System.Globalization;
using OrleansProc.Client.Jobs;

namespace OrleansProc.Client.Datasets;

/// <summary>Counts bytes moved by concurrent transfers and shows them as a progress line until disposed.</summary>
internal sealed class TransferProgress : IProgress<long>
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);

    private readonly ProgressReporter _reporter;
    private readonly TimeProvider _time;
    private readonly string _verb;
    private readonly long _totalBytes;
    private readonly int _totalItems;
    private readonly long _started;
    private long _doneBytes;
    private int _doneItems;

    public TransferProgress(ProgressReporter reporter, TimeProvider time, string verb, int totalItems, long totalBytes)
    {
        _reporter = reporter;
        _time = time;
        _verb = verb;
        _totalItems = totalItems;
        _totalBytes = totalBytes;
        _started = time.GetTimestamp();
    }

    public long Bytes => Interlocked.Read(ref _doneBytes);

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Adds bytes moved.</summary>
    public void Report(long value) => Interlocked.Add(ref _doneBytes, value);

    public void ItemDone() => Interlocked.Increment(ref _doneItems);

    /// <summary>Redraws the line every 250 ms until cancelled.</summary>
    public async Task ShowAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                _reporter.Report(Line());
                await Task.Delay(RedrawInterval, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // done
        }
    }

    public void Complete() => _reporter.Complete(Line());

    public string Line()
    {
        var bytes = Bytes;
        var of = _totalBytes > 0 ? " of " + ByteSize.Format(_totalBytes) : string.Empty;
        return $"{_verb} {Volatile.Read(ref _doneItems).ToString(CultureInfo.InvariantCulture)}/{_totalItems.ToString(CultureInfo.InvariantCulture)}  " +
               $"{ByteSize.Format(bytes)}{of}  {ByteSize.Rate(bytes, Elapsed)}  {ByteSize.Seconds(Elapsed)}";
    }
}
