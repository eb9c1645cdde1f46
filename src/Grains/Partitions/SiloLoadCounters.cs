using OrleansProc.Contracts.Cluster;

namespace OrleansProc.Grains.Partitions;

/// <summary>This silo's counters of partition work, shown by <c>cluster status</c>.</summary>
public sealed class SiloLoadCounters
{
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

    public SiloLoad Snapshot(int slots) => new()
    {
        Running = Volatile.Read(ref _running),
        Completed = Interlocked.Read(ref _completed),
        Rows = Interlocked.Read(ref _rows),
        Bytes = Interlocked.Read(ref _bytes),
        Slots = slots,
    };
}
