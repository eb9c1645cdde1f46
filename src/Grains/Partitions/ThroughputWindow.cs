namespace OrleansProc.Grains.Partitions;

/// <summary>
/// Rows and bytes per second over the last few seconds, from samples of running totals. The rate is taken from the
/// newest sample back to the latest sample at least <c>window</c> old (or the oldest kept), so sparse samples still
/// give a rate and an idle silo falls to zero once a window has passed. Not thread-safe.
/// </summary>
public sealed class ThroughputWindow(TimeSpan window, long timestampFrequency)
{
    private const int MaxSamples = 256;

    private readonly Queue<(long Timestamp, long Rows, long Bytes)> _samples = new();

    /// <summary>Adds a sample of the totals at a timestamp (of <c>timestampFrequency</c> ticks a second) and returns the rates.</summary>
    public (double RowsPerSecond, double BytesPerSecond) Add(long timestamp, long rows, long bytes)
    {
        _samples.Enqueue((timestamp, rows, bytes));
        var windowTicks = window.TotalSeconds * timestampFrequency;
        while (_samples.Count > MaxSamples || (_samples.Count > 2 && timestamp - SecondOldest().Timestamp >= windowTicks))
        {
            _samples.Dequeue();
        }

        var oldest = _samples.Peek();
        var seconds = (double)(timestamp - oldest.Timestamp) / timestampFrequency;
        return seconds <= 0 ? (0, 0) : ((rows - oldest.Rows) / seconds, (bytes - oldest.Bytes) / seconds);
    }

    private (long Timestamp, long Rows, long Bytes) SecondOldest() => _samples.ElementAt(1);
}
