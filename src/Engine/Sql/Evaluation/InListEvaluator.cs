using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary><c>x IN (a, b, ...)</c> in general: TRUE if x equals an item, else NULL if x or an item is NULL, else FALSE.</summary>
internal sealed class InListEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly Evaluator[] _items;

    public InListEvaluator(Evaluator operand, Evaluator[] items)
        : base(SqlType.Boolean)
    {
        _operand = operand;
        _items = items;
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var v = _operand.Evaluate(row);
        if (v.IsNull)
        {
            return SqlValue.Null;
        }

        var sawNull = false;
        foreach (var item in _items)
        {
            var x = item.Evaluate(row);
            if (x.IsNull)
            {
                sawNull = true;
            }
            else if (SqlValueComparer.Compare(v, x) == 0)
            {
                return BoolValues.True;
            }
        }

        return sawNull ? SqlValue.Null : BoolValues.False;
    }
}
