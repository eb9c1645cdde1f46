using OrleansProc.Sdk;

namespace OrleansProc.TestProcessors;

/// <summary>Counts records, and throws on the record whose user_id is <c>--arg fail-at=N</c> (required).</summary>
[Processor("thrower")]
public sealed class Thrower : AggregateProcessor<RecordCount>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["user_id"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns => [new("n", ResultType.Integer)];

    /// <inheritdoc/>
    public override void Process(IRecord record, RecordCount state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        var failAt = context.Arguments.GetRequired<long>("fail-at");
        if (record.GetInt64(0) == failAt)
        {
            throw new InvalidOperationException($"user {failAt} is not welcome");
        }

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
