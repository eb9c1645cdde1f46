using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>
/// <c>x LIKE pattern</c>: with a constant pattern compiled once, otherwise matched per row. ILIKE lowercases both sides
/// (invariant culture) first.
/// </summary>
internal sealed class LikeEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly Evaluator _pattern;
    private readonly LikeMatcher? _matcher;
    private readonly bool _caseInsensitive;

    public LikeEvaluator(Evaluator operand, Evaluator pattern, bool caseInsensitive = false)
        : base(SqlType.Boolean)
    {
        _operand = operand;
        _pattern = pattern;
        _caseInsensitive = caseInsensitive;
        if (pattern is ConstantEvaluator { Value.IsNull: false } constant)
        {
            _matcher = LikeMatcher.Create(Fold(constant.Value.Text));
        }
    }

    /// <summary>The value matched.</summary>
    public Evaluator Operand => _operand;

    /// <summary>The pattern.</summary>
    public Evaluator Pattern => _pattern;

    /// <summary>Whether this is ILIKE.</summary>
    public bool CaseInsensitive => _caseInsensitive;

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var v = _operand.Evaluate(row);
        if (v.IsNull)
        {
            return SqlValue.Null;
        }

        if (_matcher is not null)
        {
            return BoolValues.Of(_matcher.IsMatch(Fold(v.Text)));
        }

        var p = _pattern.Evaluate(row);
        return p.IsNull ? SqlValue.Null : BoolValues.Of(LikeMatcher.MatchGeneral(Fold(v.Text), Fold(p.Text)));
    }

    private string Fold(string text) => _caseInsensitive ? text.ToLowerInvariant() : text;
}
