using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>OR in three-valued logic: TRUE wins, then NULL.</summary>
internal sealed class OrEvaluator : Evaluator
{
    private readonly Evaluator _left;
    private readonly Evaluator _right;

    public OrEvaluator(Evaluator left, Evaluator right)
        : base(SqlType.Boolean)
    {
        _left = left;
        _right = right;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var a = _left.Evaluate(row);
        if (!a.IsNull && a.Int64 != 0)
        {
            return BoolValues.True;
        }

        var b = _right.Evaluate(row);
        if (!b.IsNull && b.Int64 != 0)
        {
            return BoolValues.True;
        }

        return a.IsNull || b.IsNull ? SqlValue.Null : BoolValues.False;
    }
}
