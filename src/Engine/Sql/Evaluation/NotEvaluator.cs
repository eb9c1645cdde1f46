using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>NOT: NULL stays NULL.</summary>
internal sealed class NotEvaluator : Evaluator
{
    private readonly Evaluator _operand;

    public NotEvaluator(Evaluator operand)
        : base(SqlType.Boolean)
    {
        _operand = operand;
    }

    /// <summary>The negated operand.</summary>
    public Evaluator Operand => _operand;

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var v = _operand.Evaluate(row);
        return v.IsNull ? SqlValue.Null : BoolValues.Of(v.Int64 == 0);
    }
}
