using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary><c>NULLIF(a, b)</c>: NULL when <c>a = b</c> is TRUE, else <c>a</c> (of <c>a</c>'s type).</summary>
internal sealed class NullIfEvaluator(Evaluator value, Evaluator equals) : Evaluator(value.Type)
{
    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row) => IsTrue(equals.Evaluate(row)) ? SqlValue.Null : value.Evaluate(row);
}
