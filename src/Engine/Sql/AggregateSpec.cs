using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;

namespace OrleansProc.Engine.Sql;

/// <summary>One aggregate of a query: its kind, its argument (evaluated over input rows; null for COUNT(*)), and types.</summary>
internal sealed record AggregateSpec(AggregateKind Kind, Evaluator? Argument, SqlType ArgumentType, SqlType ResultType);
