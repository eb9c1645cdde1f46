using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>A scalar function of two arguments: NULL if either is NULL; otherwise <paramref name="body"/>.</summary>
internal sealed class BinaryFunctionEvaluator(SqlType type, Evaluator first, Evaluator second, Func<SqlValue, SqlValue, SqlValue> body)
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
        return b.IsNull ? SqlValue.Null : body(a, b);
    }
}
