using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>AND in three-valued logic: FALSE wins, then NULL.</summary>
internal sealed class AndEvaluator : Evaluator
{
    private readonly Evaluator _left;
    private readonly Evaluator _right;

    public AndEvaluator(Evaluator left, Evaluator right)
        : base(SqlType.Boolean)
    {
        _left = left;
        _right = right;
    }

    public Evaluator Left => _left;

    public Evaluator Right => _right;

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var a = _left.Evaluate(row);
        if (!a.IsNull && a.Int64 == 0)
        {
            return BoolValues.False;
        }

        var b = _right.Evaluate(row);
        if (!b.IsNull && b.Int64 == 0)
        {
            return BoolValues.False;
        }

        return a.IsNull || b.IsNull ? SqlValue.Null : BoolValues.True;
    }
}
