using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>
/// Arithmetic in DOUBLE: <c>+ - * %</c> with a DOUBLE operand, and <c>/</c> always (DuckDB's <c>/</c> yields DOUBLE; so
/// does <c>//</c> with a DOUBLE operand, which DuckDB does not truncate). As DuckDB: <c>/</c> by zero is IEEE division
/// (<c>inf</c>, <c>-inf</c>, <c>nan</c> for 0 / 0), <c>//</c> by zero is NULL, <c>%</c> by zero NaN.
/// </summary>
internal sealed class DoubleArithmeticEvaluator : Evaluator
{
    private readonly BinaryOperator _op;
    private readonly Evaluator _left;
    private readonly Evaluator _right;

    public DoubleArithmeticEvaluator(BinaryOperator op, Evaluator left, Evaluator right)
        : base(SqlType.Double)
    {
        _op = op;
        _left = left;
        _right = right;
    }

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

        var x = a.AsDouble();
        var y = b.AsDouble();
        switch (_op)
        {
            case BinaryOperator.Add:
                return SqlValue.FromDouble(x + y);
            case BinaryOperator.Subtract:
                return SqlValue.FromDouble(x - y);
            case BinaryOperator.Multiply:
                return SqlValue.FromDouble(x * y);
            case BinaryOperator.Divide:
                return SqlValue.FromDouble(x / y);
            case BinaryOperator.IntegerDivide:
                return y == 0 ? SqlValue.Null : SqlValue.FromDouble(x / y);
            default:
                return SqlValue.FromDouble(x % y);
        }
    }
}
