using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;

namespace OrleansProc.Engine.Sql;

/// <summary>One aggregate of a query: its kind, its argument (evaluated over input rows; null for COUNT(*)), and types.</summary>
internal sealed record AggregateSpec(AggregateKind Kind, Evaluator? Argument, SqlType ArgumentType, SqlType ResultType)
{
    /// <summary>The second argument of an aggregate of two (ARG_MIN's val); null otherwise.</summary>
    public Evaluator? SecondArgument { get; init; }

    /// <summary>The quantile of QUANTILE_CONT, QUANTILE_DISC, MEDIAN and APPROX_QUANTILE (0 to 1).</summary>
    public double Fraction { get; init; }

    /// <summary>True for an aggregate over DISTINCT values other than COUNT (SUM(DISTINCT x), ...).</summary>
    public bool Distinct { get; init; }

    /// <summary>The function's name as written (upper case), for errors.</summary>
    public string Name { get; init; } = string.Empty;
}
