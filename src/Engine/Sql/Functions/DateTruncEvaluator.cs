using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>DATE_TRUNC(part, x): a TIMESTAMP for a DATE or a TIMESTAMP, as DuckDB returns; NULL for NULL.</summary>
internal sealed class DateTruncEvaluator : Evaluator
{
    private readonly DatePart _part;
    private readonly Evaluator _operand;

    public DateTruncEvaluator(DatePart part, Evaluator operand)
        : base(SqlType.Timestamp)
    {
        _part = part;
        _operand = operand;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var value = _operand.Evaluate(row);
        return value.IsNull ? SqlValue.Null : SqlValue.FromTimestamp(DateParts.Truncate(_part, DateValues.Micros(value)));
    }
}
