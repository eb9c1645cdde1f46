using OrleansProc.Sdk;

namespace OrleansProc.FaultProcessors;

/// <summary>What the misbehaving processors share: they read user_id and count records; each faults in its own way in Process.</summary>
public abstract class FaultProcessor : AggregateProcessor<FaultCount>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["user_id"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns => [new("n", ResultType.Integer)];

    /// <inheritdoc/>
    public override void Merge(FaultCount target, FaultCount source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        target.Count += source.Count;
    }

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Finish(FaultCount merged, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(merged);
        return [[merged.Count]];
    }
}
