using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary><c>date + n</c>, <c>n + date</c> and <c>date - n</c> (n a BIGINT of days): a DATE; NULL when either is NULL.</summary>
internal sealed class DateAddDaysEvaluator : Evaluator
{
    private readonly Evaluator _date;
    private readonly Evaluator _days;
    private readonly bool _subtract;
    private readonly string _location;
    private readonly int _position;

    public DateAddDaysEvaluator(Evaluator date, Evaluator days, bool subtract, string location, int position)
        : base(SqlType.Date)
    {
        _date = date;
        _days = days;
        _subtract = subtract;
        _location = location;
        _position = position;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var date = _date.Evaluate(row);
        if (date.IsNull)
        {
            return SqlValue.Null;
        }

        var days = _days.Evaluate(row);
        if (days.IsNull)
        {
            return SqlValue.Null;
        }

        var offset = days.Int64;
        var limit = DateParser.MaxDay - DateParser.MinDay;
        var result = date.Int64 + (_subtract ? -Math.Clamp(offset, -limit, limit) : Math.Clamp(offset, -limit, limit));
        if (offset < -limit || offset > limit || result < DateParser.MinDay || result > DateParser.MaxDay)
        {
            throw new QueryException($"out of range error at {_location}: '{date}' {(_subtract ? "-" : "+")} {offset} days is outside the years 1 to 9999", _position);
        }

        return SqlValue.FromDate(result);
    }
}
