using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// A query bound to a schema and compiled. For an aggregate query, <see cref="Having"/>, <see cref="Outputs"/> and
/// <see cref="ExtraSortKeys"/> are evaluated over a group row: the group keys, then the aggregate results.
/// Otherwise they are evaluated over input rows.
/// </summary>
internal sealed class BoundQuery
{
    public required TableSchema InputSchema { get; init; }

    public required bool[] NeededColumns { get; init; }

    public required ColumnSchema[] OutputColumns { get; init; }

    public required Evaluator? Where { get; init; }

    public required bool IsAggregate { get; init; }

    public required Evaluator[] GroupKeys { get; init; }

    public required AggregateSpec[] Aggregates { get; init; }

    public required Evaluator? Having { get; init; }

    public required Evaluator[] Outputs { get; init; }

    public required SortKey[] OrderBy { get; init; }

    public required Evaluator[] ExtraSortKeys { get; init; }

    public required long? Limit { get; init; }

    /// <summary>True for SELECT DISTINCT over aggregates: duplicate output rows are removed before ORDER BY and LIMIT.</summary>
    public bool DistinctRows { get; init; }
}
