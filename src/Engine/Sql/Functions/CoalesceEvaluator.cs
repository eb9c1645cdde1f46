using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary><c>COALESCE(a, b, ...)</c> and <c>IFNULL(a, b)</c>: the first argument that is not NULL, evaluated lazily.</summary>
internal sealed class CoalesceEvaluator(SqlType type, Evaluator[] arguments) : Evaluator(type)
{
    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        foreach (var argument in arguments)
        {
            var value = argument.Evaluate(row);
            if (!value.IsNull)
            {
                return value;
            }
        }

        return SqlValue.Null;
    }
}
