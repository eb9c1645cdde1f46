using OrleansProc.Contracts.Cluster;

namespace OrleansProc.Grains.Partitions;

/// <summary>This silo's counters of partition work and its recent read rate, shown by <c>cluster status</c>.</summary>
public sealed class SiloLoadCounters(TimeProvider time)
{
    /// <summary>The span the rows/s and MB/s of <c>cluster status</c> are averaged over.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    private readonly ThroughputWindow _throughput = new(RateWindow, time.TimestampFrequency);
    private readonly Lock _throughputLock = new();
    private int _running;
    private long _completed;
    private long _rows;
    private long _bytes;

    public void Started() => Interlocked.Increment(ref _running);

    public void Finished()
    {
        Interlocked.Decrement(ref _running);
        Interlocked.Increment(ref _completed);
    }

    public void Add(long rows, long bytes)
    {
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _bytes, bytes);
    }

    public SiloLoad Snapshot(int slots)
    {
        var rows = Interlocked.Read(ref _rows);
        var bytes = Interlocked.Read(ref _bytes);
        double rowsPerSecond, bytesPerSecond;
        lock (_throughputLock)
        {
            (rowsPerSecond, bytesPerSecond) = _throughput.Add(time.GetTimestamp(), rows, bytes);
        }

        return new()
        {
            Running = Volatile.Read(ref _running),
            Completed = Interlocked.Read(ref _completed),
            Rows = rows,
            Bytes = bytes,
            Slots = slots,
            RowsPerSecond = rowsPerSecond,
            BytesPerSecond = bytesPerSecond,
        };
    }
}
