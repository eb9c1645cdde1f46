using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>DATE_DIFF(part, start, end): the part's boundaries crossed, as BIGINT; NULL when either is NULL.</summary>
internal sealed class DateDiffEvaluator : Evaluator
{
    private readonly DatePart _part;
    private readonly Evaluator _start;
    private readonly Evaluator _end;

    public DateDiffEvaluator(DatePart part, Evaluator start, Evaluator end)
        : base(SqlType.BigInt)
    {
        _part = part;
        _start = start;
        _end = end;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var start = _start.Evaluate(row);
        if (start.IsNull)
        {
            return SqlValue.Null;
        }

        var end = _end.Evaluate(row);
        return end.IsNull ? SqlValue.Null : SqlValue.FromInt64(DateParts.Diff(_part, DateValues.Micros(start), DateValues.Micros(end)));
    }
}
