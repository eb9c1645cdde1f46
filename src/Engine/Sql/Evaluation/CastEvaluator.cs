using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>CAST(x AS type). A value that does not convert raises a <see cref="QueryException"/> naming the cast's place.</summary>
internal sealed class CastEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly string _location;
    private readonly int _position;

    public CastEvaluator(Evaluator operand, SqlType target, string location, int position)
        : base(target)
    {
        _operand = operand;
        _location = location;
        _position = position;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var value = _operand.Evaluate(row);
        if (SqlCast.TryCast(value, Type, out var result))
        {
            return result;
        }

        throw new QueryException(
            $"conversion error at {_location}: could not convert {SqlCast.TypeName(value.Type)} '{value}' to {SqlCast.TypeName(Type)}",
            _position);
    }
}
