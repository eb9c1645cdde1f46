using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary><c>date - date</c>: the days between, as BIGINT (as DuckDB); NULL when either is NULL.</summary>
internal sealed class DateSubtractEvaluator : Evaluator
{
    private readonly Evaluator _left;
    private readonly Evaluator _right;

    public DateSubtractEvaluator(Evaluator left, Evaluator right)
        : base(SqlType.BigInt)
    {
        _left = left;
        _right = right;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var a = _left.Evaluate(row);
        if (a.IsNull)
        {
            return SqlValue.Null;
        }

        var b = _right.Evaluate(row);
        return b.IsNull ? SqlValue.Null : SqlValue.FromInt64(a.Int64 - b.Int64);
    }
}
