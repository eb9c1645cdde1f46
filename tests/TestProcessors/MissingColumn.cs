using OrleansProc.Sdk;

namespace OrleansProc.TestProcessors;

/// <summary>Names a column the sales dataset does not have.</summary>
[Processor("missing-column")]
public sealed class MissingColumn : AggregateProcessor<RecordCount>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["country", "no_such_column"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns => [new("n", ResultType.Integer)];

    /// <inheritdoc/>
    public override void Process(IRecord record, RecordCount state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Count++;
    }

    /// <inheritdoc/>
    public override void Merge(RecordCount target, RecordCount source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        target.Count += source.Count;
    }

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Finish(RecordCount merged, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(merged);
        return [[merged.Count]];
    }
}
