using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>STRFTIME(x, format) with a constant format: VARCHAR; NULL for NULL.</summary>
internal sealed class StrftimeEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly StrftimeFormat _format;

    public StrftimeEvaluator(Evaluator operand, StrftimeFormat format)
        : base(SqlType.Varchar)
    {
        _operand = operand;
        _format = format;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var value = _operand.Evaluate(row);
        return value.IsNull ? SqlValue.Null : SqlValue.FromText(_format.Format(DateValues.Micros(value)));
    }
}
