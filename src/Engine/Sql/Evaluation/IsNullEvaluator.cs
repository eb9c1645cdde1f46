using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>IS [NOT] NULL: never NULL itself.</summary>
internal sealed class IsNullEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly bool _negated;

    public IsNullEvaluator(Evaluator operand, bool negated)
        : base(SqlType.Boolean)
    {
        _operand = operand;
        _negated = negated;
    }

    public Evaluator Operand => _operand;

    /// <summary>True for IS NOT NULL.</summary>
    public bool Negated => _negated;

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row) => BoolValues.Of(_operand.Evaluate(row).IsNull != _negated);
}
