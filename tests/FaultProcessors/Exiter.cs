using OrleansProc.Sdk;

namespace OrleansProc.FaultProcessors;

/// <summary>Ends its process with exit code 3 on its first record.</summary>
[Processor("exit")]
public sealed class Exiter : AggregateProcessor<FaultCount>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["user_id"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns => [new("n", ResultType.Integer)];

    /// <inheritdoc/>
    public override void Process(IRecord record, FaultCount state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        Environment.Exit(3);
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
