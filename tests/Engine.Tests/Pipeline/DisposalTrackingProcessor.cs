using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Pipeline;

/// <summary>A processor that holds a resource (as a user processor holds its package): counts its disposals.</summary>
internal sealed class DisposalTrackingProcessor(IPartitionProcessor inner) : IPartitionProcessor, IDisposable
{
    public int Disposals { get; private set; }

    public TableSchema InputSchema => inner.InputSchema;

    public IReadOnlyList<bool> NeededColumns => inner.NeededColumns;

    public IReadOnlyList<ColumnSchema> OutputColumns => inner.OutputColumns;

    public bool WritesOutputRows => inner.WritesOutputRows;

    public IPartial CreatePartial(Stream? output = null) => inner.CreatePartial(output);

    public IPartial ReadPartial(Stream source) => inner.ReadPartial(source);

    public ResultTable Finish(IPartial merged) => inner.Finish(merged);

    public void Dispose() => Disposals++;
}
