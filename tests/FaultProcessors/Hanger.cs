using OrleansProc.Sdk;

namespace OrleansProc.FaultProcessors;

/// <summary>Never returns from its first record.</summary>
[Processor("hang")]
public sealed class Hanger : AggregateProcessor<FaultCount>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["user_id"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns => [new("n", ResultType.Integer)];

    /// <inheritdoc/>
    public override void Process(IRecord record, FaultCount state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        Thread.Sleep(Timeout.Infinite);
        state.Count++;
    }

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
