using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary><c>x LIKE pattern</c>: with a constant pattern compiled once, otherwise matched per row.</summary>
internal sealed class LikeEvaluator : Evaluator
{
    private readonly Evaluator _operand;
    private readonly Evaluator _pattern;
    private readonly LikeMatcher? _matcher;

    public LikeEvaluator(Evaluator operand, Evaluator pattern)
        : base(SqlType.Boolean)
    {
        _operand = operand;
        _pattern = pattern;
        if (pattern is ConstantEvaluator { Value.IsNull: false } constant)
        {
            _matcher = LikeMatcher.Create(constant.Value.Text);
        }
    }

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var v = _operand.Evaluate(row);
        if (v.IsNull)
        {
            return SqlValue.Null;
        }

        if (_matcher is not null)
        {
            return BoolValues.Of(_matcher.IsMatch(v.Text));
        }

        var p = _pattern.Evaluate(row);
        return p.IsNull ? SqlValue.Null : BoolValues.Of(LikeMatcher.MatchGeneral(v.Text, p.Text));
    }
}
