using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>A scalar function of one argument: NULL in, NULL out; otherwise <paramref name="body"/>.</summary>
internal sealed class UnaryFunctionEvaluator(SqlType type, Evaluator argument, Func<SqlValue, SqlValue> body) : Evaluator(type)
{
    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var a = argument.Evaluate(row);
        return a.IsNull ? SqlValue.Null : body(a);
    }
}
