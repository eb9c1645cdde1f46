using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary><c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>; NULL when either side is NULL. Operands are already of comparable types.</summary>
internal sealed class ComparisonEvaluator : Evaluator
{
    private readonly BinaryOperator _op;
    private readonly Evaluator _left;
    private readonly Evaluator _right;
    private readonly bool _sameIntegerType;
    private readonly bool _text;

    public ComparisonEvaluator(BinaryOperator op, Evaluator left, Evaluator right)
        : base(SqlType.Boolean)
    {
        _op = op;
        _left = left;
        _right = right;
        _sameIntegerType = left.Type == right.Type && left.Type is SqlType.BigInt or SqlType.Timestamp or SqlType.Date or SqlType.Boolean;
        _text = left.Type == SqlType.Varchar && right.Type == SqlType.Varchar;
    }

    public BinaryOperator Operator => _op;

    public Evaluator Left => _left;

    public Evaluator Right => _right;

    public override SqlValue Evaluate(ReadOnlySpan<SqlValue> row)
    {
        var a = _left.Evaluate(row);
        if (a.IsNull)
        {
            return SqlValue.Null;
        }

        var b = _right.Evaluate(row);
        if (b.IsNull)
        {
            return SqlValue.Null;
        }

        int c;
        if (_sameIntegerType && a.Type == b.Type)
        {
            c = a.Int64.CompareTo(b.Int64);
        }
        else if (_text && a.Type == SqlType.Varchar && b.Type == SqlType.Varchar)
        {
            if (_op == BinaryOperator.Equal)
            {
                return BoolValues.Of(string.Equals(a.Text, b.Text, StringComparison.Ordinal));
            }

            if (_op == BinaryOperator.NotEqual)
            {
                return BoolValues.Of(!string.Equals(a.Text, b.Text, StringComparison.Ordinal));
            }

            c = string.CompareOrdinal(a.Text, b.Text);
        }
        else
        {
            c = SqlValueComparer.Compare(a, b);
        }

        return BoolValues.Of(Test(_op, c));
    }

    public static bool Test(BinaryOperator op, int c) => op switch
    {
        BinaryOperator.Equal => c == 0,
        BinaryOperator.NotEqual => c != 0,
        BinaryOperator.Less => c < 0,
        BinaryOperator.LessEqual => c <= 0,
        BinaryOperator.Greater => c > 0,
        _ => c >= 0,
    };
}
