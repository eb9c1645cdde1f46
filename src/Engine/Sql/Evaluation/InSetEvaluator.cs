using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>
/// <c>x IN (constants)</c> where the constants have the type of x: a hash lookup. NULL when x is NULL, or when
/// x is not found and the list holds a NULL.
/// </summary>
internal sealed class InSetEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly HashSet<SqlValue> _set;
    private readonly bool _listHasNull;

    public InSetEvaluator(Evaluator operand, HashSet<SqlValue> set, bool listHasNull)
        : base(SqlType.Boolean)
    {
        _operand = operand;
        _set = set;
        _listHasNull = listHasNull;
    }

    public Evaluator Operand => _operand;

    /// <summary>The list's non-NULL constants.</summary>
    public IReadOnlySet<SqlValue> Values => _set;

    /// <summary>Whether the list holds a NULL.</summary>
    public bool ListHasNull => _listHasNull;

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var v = _operand.Evaluate(row);
        if (v.IsNull)
        {
            return SqlValue.Null;
        }

        if (_set.Contains(v))
        {
            return BoolValues.True;
        }

        return _listHasNull ? SqlValue.Null : BoolValues.False;
    }
}
