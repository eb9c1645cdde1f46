using OrleansProc.Contracts.Partitions;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// The small partials that partitions sent in their reports (<see cref="PartitionReport.InlinePartial"/>), kept in
/// the coordinator's memory for its merge: a partition's copy counts only for the attempt the job recorded, so the merge
/// reads exactly what it would have read from that attempt's partial blob. Bounded by
/// <see cref="InlineLimits.MaxPartialsBytes"/> in all; lost with the activation (the merge then reads the blobs).
/// </summary>
public sealed class InlinePartials
{
    private readonly Dictionary<int, (int Attempt, ReadOnlyMemory<byte> Data)> _partials = [];
    private long _bytes;

    /// <summary>Keeps the report's partial when it is the one <paramref name="partition"/> records as done, and there is room.</summary>
    public void Keep(PartitionReport report, PartitionRecord partition)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(partition);
        var data = report.InlinePartial;
        if (data.IsEmpty || partition.Status != PartitionStatus.Done || partition.Attempt != report.Attempt)
        {
            return;
        }

        if (_partials.Remove(report.Index, out var replaced))
        {
            _bytes -= replaced.Data.Length;
        }

        if (_bytes + data.Length <= InlineLimits.MaxPartialsBytes)
        {
            _partials[report.Index] = (report.Attempt, data);
            _bytes += data.Length;
        }
    }

    /// <summary>The partial of partition <paramref name="index"/>'s <paramref name="attempt"/>, or null when it must be read from its blob.</summary>
    public ReadOnlyMemory<byte>? Find(int index, int attempt)
    {
        if (_partials.TryGetValue(index, out var kept) && kept.Attempt == attempt)
        {
            return kept.Data;
        }

        return null; // not `cond ? kept.Data : null`: that converts null to an empty ReadOnlyMemory (from a null byte[])
    }

    /// <summary>Forgets every partial (the job was planned again: its partitions are new).</summary>
    public void Clear()
    {
        _partials.Clear();
        _bytes = 0;
    }
}
