using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>A processor whose partials (one per attempt, made before the attempt reads) wait at an <see cref="AttemptHold"/>.</summary>
public sealed class GatedProcessor(IPartitionProcessor inner, AttemptHold hold) : IPartitionProcessor
{
    public TableSchema InputSchema => inner.InputSchema;

    public IReadOnlyList<bool> NeededColumns => inner.NeededColumns;

    public IReadOnlyList<ColumnSchema> OutputColumns => inner.OutputColumns;

    public bool WritesOutputRows => inner.WritesOutputRows;

    public IPartial CreatePartial(Stream? output = null)
    {
        hold.Enter();
        return inner.CreatePartial(output);
    }

    public IPartial ReadPartial(Stream source) => inner.ReadPartial(source);

    public ResultTable Finish(IPartial merged) => inner.Finish(merged);
}
