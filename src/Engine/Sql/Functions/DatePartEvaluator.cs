using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>DATE_PART / EXTRACT / YEAR(x)...: BIGINT, or DOUBLE for <see cref="DatePart.Epoch"/>; NULL for NULL.</summary>
internal sealed class DatePartEvaluator : Evaluator
{
    private readonly DatePart _part;
    private readonly Evaluator _operand;

    public DatePartEvaluator(DatePart part, Evaluator operand)
        : base(part == DatePart.Epoch ? SqlType.Double : SqlType.BigInt)
    {
        _part = part;
        _operand = operand;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var value = _operand.Evaluate(row);
        if (value.IsNull)
        {
            return SqlValue.Null;
        }

        var micros = DateValues.Micros(value);
        return _part == DatePart.Epoch ? SqlValue.FromDouble(DateParts.Epoch(micros)) : SqlValue.FromInt64(DateParts.Extract(_part, micros));
    }
}
