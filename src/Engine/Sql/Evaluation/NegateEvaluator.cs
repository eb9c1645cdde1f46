using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>Unary minus.</summary>
internal sealed class NegateEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly string _location;

    public NegateEvaluator(Evaluator operand, string location)
        : base(operand.Type)
    {
        _operand = operand;
        _location = location;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var v = _operand.Evaluate(row);
        switch (v.Type)
        {
            case SqlType.BigInt:
                if (v.Int64 == long.MinValue)
                {
                    throw new QueryException($"out of range at {_location}: BIGINT overflow negating {v.Int64}");
                }

                return SqlValue.FromInt64(-v.Int64);
            case SqlType.Double:
                return SqlValue.FromDouble(-v.Float64);
            default:
                return SqlValue.Null;
        }
    }
}
