using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>A constant.</summary>
internal sealed class ConstantEvaluator : Evaluator
{
    public ConstantEvaluator(SqlValue value, SqlType type)
        : base(type)
    {
        Value = value;
    }

    public SqlValue Value { get; }

    public override bool IsConstant => true;

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row) => Value;
}
