using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary><c>x + INTERVAL ...</c> and <c>x - INTERVAL ...</c> over a DATE or TIMESTAMP: a TIMESTAMP, as DuckDB returns; NULL for NULL.</summary>
internal sealed class IntervalAddEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly IntervalValue _interval;
    private readonly string _location;
    private readonly int _position;

    public IntervalAddEvaluator(Evaluator operand, IntervalValue interval, string location, int position)
        : base(SqlType.Timestamp)
    {
        _operand = operand;
        _interval = interval;
        _location = location;
        _position = position;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var value = _operand.Evaluate(row);
        if (value.IsNull)
        {
            return SqlValue.Null;
        }

        if (!DateParts.TryAdd(DateValues.Micros(value), _interval, out var result))
        {
            throw new QueryException($"out of range error at {_location}: '{value}' with the interval added is outside the years 1 to 9999", _position);
        }

        return SqlValue.FromTimestamp(result);
    }
}
