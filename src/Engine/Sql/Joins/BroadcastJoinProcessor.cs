using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>
/// A query with broadcast joins: scans the big table, joins each of its rows with the hashed broadcast tables it
/// holds, and runs the query (WHERE, GROUP BY, aggregates, transform) over the joined rows through
/// <see cref="Inner"/>, a SQL processor over the tables' columns side by side. Immutable once built; partials are
/// the inner processor's, wrapped.
/// </summary>
internal sealed class BroadcastJoinProcessor : IPartitionProcessor
{
    public BroadcastJoinProcessor(IPartitionProcessor inner, ColumnScope scope, int scanned, bool[] needed, JoinStep[] steps, BroadcastHashTable[] tables)
    {
        Inner = inner;
        InputSchema = scope.Schema(scanned);
        ScannedOffset = scope.Offset(scanned);
        NeededColumns = needed.AsSpan(ScannedOffset, InputSchema.Count).ToArray();
        CombinedWidth = scope.Combined.Count;
        Steps = steps;
        Tables = tables;
        Offsets = steps.Select(s => scope.Offset(s.Table)).ToArray();
        Widths = steps.Select(s => scope.Schema(s.Table).Count).ToArray();
    }

    /// <summary>The query over the joined rows.</summary>
    public IPartitionProcessor Inner { get; }

    /// <summary>The scanned table's schema.</summary>
    public TableSchema InputSchema { get; }

    public IReadOnlyList<bool> NeededColumns { get; }

    public IReadOnlyList<ColumnSchema> OutputColumns => Inner.OutputColumns;

    public bool WritesOutputRows => Inner.WritesOutputRows;

    internal int ScannedOffset { get; }

    internal int CombinedWidth { get; }

    internal JoinStep[] Steps { get; }

    internal BroadcastHashTable[] Tables { get; }

    internal int[] Offsets { get; }

    internal int[] Widths { get; }

    public IPartial CreatePartial(Stream? output = null) => new BroadcastJoinPartial(this, Inner.CreatePartial(output));

    public IPartial ReadPartial(Stream source) => new BroadcastJoinPartial(this, Inner.ReadPartial(source));

    public ResultTable Finish(IPartial merged) => Inner.Finish(Own(merged).Inner);

    internal BroadcastJoinPartial Own(IPartial partial) =>
        partial is BroadcastJoinPartial join && ReferenceEquals(join.Processor, this)
            ? join
            : throw new ArgumentException("the partial was made by another processor", nameof(partial));
}
