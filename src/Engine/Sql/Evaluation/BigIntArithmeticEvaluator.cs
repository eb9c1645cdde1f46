using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>
/// BIGINT <c>+ - * % //</c> with checked arithmetic: an overflow raises a <see cref="QueryException"/> (DuckDB raises
/// an out-of-range error too). <c>x % 0</c> and <c>x // 0</c> are NULL; <c>//</c> truncates toward zero, as DuckDB.
/// </summary>
internal sealed class BigIntArithmeticEvaluator : Evaluator
{
    private readonly BinaryOperator _op;
    private readonly Evaluator _left;
    private readonly Evaluator _right;
    private readonly string _location;
    private readonly int _position;

    public BigIntArithmeticEvaluator(BinaryOperator op, Evaluator left, Evaluator right, string location, int position)
        : base(SqlType.BigInt)
    {
        _op = op;
        _left = left;
        _right = right;
        _location = location;
        _position = position;
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

        var x = a.Int64;
        var y = b.Int64;
        try
        {
            switch (_op)
            {
                case BinaryOperator.Add:
                    return SqlValue.FromInt64(checked(x + y));
                case BinaryOperator.Subtract:
                    return SqlValue.FromInt64(checked(x - y));
                case BinaryOperator.Multiply:
                    return SqlValue.FromInt64(checked(x * y));
                case BinaryOperator.IntegerDivide:
                    return y == 0 ? SqlValue.Null : SqlValue.FromInt64(y == -1 ? checked(-x) : x / y);
                default:
                    return y == 0 ? SqlValue.Null : y == -1 ? SqlValue.FromInt64(0) : SqlValue.FromInt64(x % y);
            }
        }
        catch (OverflowException)
        {
            throw new QueryException($"out of range at {_location}: BIGINT overflow computing {x} {Symbol(_op)} {y}", _position);
        }
    }

    internal static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterEqual => ">=",
        BinaryOperator.And => "AND",
        BinaryOperator.Concat => "||",
        BinaryOperator.IntegerDivide => "//",
        _ => "OR",
    };
}
