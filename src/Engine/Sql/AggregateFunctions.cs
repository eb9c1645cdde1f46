using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// Binds the aggregates beyond COUNT, SUM, AVG, MIN and MAX: the variances and standard deviations, BOOL_AND and
/// BOOL_OR, ARG_MIN and ARG_MAX (MIN_BY, MAX_BY), MEDIAN, QUANTILE_CONT, QUANTILE_DISC (QUANTILE), APPROX_QUANTILE
/// and APPROX_COUNT_DISTINCT, with DuckDB's argument and result types.
/// </summary>
internal static class AggregateFunctions
{
    /// <summary>Every aggregate's name, for error messages.</summary>
    public const string Names =
        "COUNT, SUM, AVG, MIN, MAX, STDDEV_SAMP, STDDEV, STDDEV_POP, VAR_SAMP, VARIANCE, VAR_POP, BOOL_AND, BOOL_OR, ARG_MIN, ARG_MAX, "
        + "MIN_BY, MAX_BY, MEDIAN, QUANTILE_CONT, QUANTILE_DISC, QUANTILE, APPROX_QUANTILE, APPROX_COUNT_DISTINCT";

    /// <summary>True when <paramref name="name"/> (upper case) is one of the aggregates bound here.</summary>
    public static bool IsAggregate(string name) => name is
        "STDDEV_SAMP" or "STDDEV" or "STDDEV_POP" or "VAR_SAMP" or "VARIANCE" or "VAR_POP" or "BOOL_AND" or "BOOL_OR" or
        "ARG_MIN" or "ARG_MAX" or "MIN_BY" or "MAX_BY" or "MEDIAN" or "QUANTILE_CONT" or "QUANTILE_DISC" or "QUANTILE" or
        "APPROX_QUANTILE" or "APPROX_COUNT_DISTINCT";

    /// <summary>The spec of a call to one of these aggregates.</summary>
    /// <param name="f">The call.</param>
    /// <param name="bindArgument">Binds an argument over input rows.</param>
    /// <param name="error">Makes an error: kind ("binder error", "type error"), position in the text, reason.</param>
    public static AggregateSpec Bind(FunctionExpr f, Func<SqlExpr, Evaluator> bindArgument, Func<string, int, string, QueryException> error)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(bindArgument);
        ArgumentNullException.ThrowIfNull(error);
        var name = f.Name;
        if (f.Star)
        {
            throw error("binder error", f.Start, $"{name}(*) is not allowed; only COUNT(*) takes *");
        }

        var arity = name is "ARG_MIN" or "ARG_MAX" or "MIN_BY" or "MAX_BY" or "QUANTILE_CONT" or "QUANTILE_DISC" or "QUANTILE" or "APPROX_QUANTILE" ? 2 : 1;
        if (f.Arguments.Count != arity)
        {
            throw error("binder error", f.Start, $"{name} takes {arity} argument{(arity == 1 ? string.Empty : "s")}, got {f.Arguments.Count}");
        }

        var argument = bindArgument(f.Arguments[0]);
        var type = argument.Type;
        var numeric = type is SqlType.BigInt or SqlType.Double or SqlType.Null;
        switch (name)
        {
            case "STDDEV_SAMP" or "STDDEV" or "STDDEV_POP" or "VAR_SAMP" or "VARIANCE" or "VAR_POP":
                RequireType(numeric, "a numeric");
                var kind = name switch
                {
                    "STDDEV_SAMP" or "STDDEV" => AggregateKind.StdDevSample,
                    "STDDEV_POP" => AggregateKind.StdDevPopulation,
                    "VAR_POP" => AggregateKind.VariancePopulation,
                    _ => AggregateKind.VarianceSample,
                };
                return new AggregateSpec(kind, argument, type, SqlType.Double) { Distinct = f.Distinct, Name = name };
            case "BOOL_AND" or "BOOL_OR":
                RequireType(type is SqlType.Boolean or SqlType.Null, "a BOOLEAN");
                return new AggregateSpec(name == "BOOL_AND" ? AggregateKind.BoolAnd : AggregateKind.BoolOr, argument, type, SqlType.Boolean) { Name = name };
            case "ARG_MIN" or "ARG_MAX" or "MIN_BY" or "MAX_BY":
                if (f.Distinct)
                {
                    throw error("binder error", f.Start, $"{name}(DISTINCT ...) is not supported");
                }

                var value = bindArgument(f.Arguments[1]);
                var max = name is "ARG_MAX" or "MAX_BY";
                return new AggregateSpec(max ? AggregateKind.ArgMax : AggregateKind.ArgMin, argument, type, type) { SecondArgument = value, Name = name };
            case "MEDIAN":
                return type is SqlType.Varchar or SqlType.Boolean
                    ? new AggregateSpec(AggregateKind.QuantileDiscrete, argument, type, type) { Fraction = 0.5, Distinct = f.Distinct, Name = name }
                    : Continuous(0.5);
            case "QUANTILE_CONT":
                return Continuous(Fraction());
            case "QUANTILE_DISC" or "QUANTILE":
                return new AggregateSpec(AggregateKind.QuantileDiscrete, argument, type, type) { Fraction = Fraction(), Distinct = f.Distinct, Name = name };
            case "APPROX_QUANTILE":
                RequireType(numeric || type == SqlType.Timestamp, "a numeric or TIMESTAMP");
                return new AggregateSpec(AggregateKind.ApproxQuantile, argument, type, type) { Fraction = Fraction(), Distinct = f.Distinct, Name = name };
            default:
                return new AggregateSpec(AggregateKind.ApproxCountDistinct, argument, type, SqlType.BigInt) { Name = name };
        }

        AggregateSpec Continuous(double fraction)
        {
            RequireType(numeric || type == SqlType.Timestamp, "a numeric or TIMESTAMP");
            var result = type == SqlType.Timestamp ? SqlType.Timestamp : SqlType.Double;
            return new AggregateSpec(AggregateKind.QuantileContinuous, argument, type, result) { Fraction = fraction, Distinct = f.Distinct, Name = name };
        }

        void RequireType(bool ok, string what)
        {
            if (!ok)
            {
                throw error("type error", f.Start, $"{name} needs {what} argument, got {SqlCast.TypeName(type)}");
            }
        }

        double Fraction()
        {
            var q = bindArgument(f.Arguments[1]);
            if (!q.IsConstant || q.Type is not (SqlType.BigInt or SqlType.Double) || q.Evaluate([]) is not { IsNull: false } v || v.AsDouble() is not (>= 0 and <= 1))
            {
                throw error("binder error", f.Arguments[1].Start, $"{name} needs a constant quantile from 0 to 1 as its second argument");
            }

            return v.AsDouble();
        }
    }
}
