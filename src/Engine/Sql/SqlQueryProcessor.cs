using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Sql;

/// <summary>What the three shapes of SQL processor share.</summary>
internal abstract class SqlQueryProcessor : IPartitionProcessor
{
    protected SqlQueryProcessor(BoundQuery query)
    {
        Query = query;
    }

    public TableSchema InputSchema => Query.InputSchema;

    public IReadOnlyList<bool> NeededColumns => Query.NeededColumns;

    public IReadOnlyList<ColumnSchema> OutputColumns => Query.OutputColumns;

    public virtual bool WritesOutputRows => false;

    internal BoundQuery Query { get; }

    public abstract IPartial CreatePartial(Stream? output = null);

    public abstract IPartial ReadPartial(Stream source);

    public abstract ResultTable Finish(IPartial merged);

    protected static T Own<T>(IPartial partial, SqlQueryProcessor processor)
        where T : class, IPartial
    {
        if (partial is not T typed || !ReferenceEquals(((IOwnedPartial)typed).Processor, processor))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(partial));
        }

        return typed;
    }
}
