using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>A scalar function of three arguments: NULL if any is NULL; otherwise <paramref name="body"/>.</summary>
internal sealed class TernaryFunctionEvaluator(
    SqlType type,
    Evaluator first,
    Evaluator second,
    Evaluator third,
    Func<SqlValue, SqlValue, SqlValue, SqlValue> body)
    : Evaluator(type)
{
    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var a = first.Evaluate(row);
        if (a.IsNull)
        {
            return SqlValue.Null;
        }

        var b = second.Evaluate(row);
        if (b.IsNull)
        {
            return SqlValue.Null;
        }

        var c = third.Evaluate(row);
        return c.IsNull ? SqlValue.Null : body(a, b, c);
    }
}
