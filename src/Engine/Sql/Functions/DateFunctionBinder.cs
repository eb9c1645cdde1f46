using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// Binds the date functions (DATE_PART / EXTRACT, DATE_TRUNC, DATE_DIFF, STRFTIME, YEAR(x) and the other one-part
/// functions) and the date arithmetic (<c>± INTERVAL</c>, <c>date ± n</c>, <c>date - date</c>) for the
/// <see cref="SqlBinder"/>, which binds the arguments through <c>bind</c>.
/// </summary>
internal sealed class DateFunctionBinder
{
    private static readonly Dictionary<string, DatePart> PartFunctions = new(StringComparer.Ordinal)
    {
        ["YEAR"] = DatePart.Year, ["MONTH"] = DatePart.Month, ["DAY"] = DatePart.Day, ["DAYOFMONTH"] = DatePart.Day,
        ["HOUR"] = DatePart.Hour, ["MINUTE"] = DatePart.Minute, ["SECOND"] = DatePart.Second,
        ["MILLISECOND"] = DatePart.Millisecond, ["MICROSECOND"] = DatePart.Microsecond,
        ["QUARTER"] = DatePart.Quarter, ["DAYOFWEEK"] = DatePart.DayOfWeek, ["WEEKDAY"] = DatePart.DayOfWeek,
        ["ISODOW"] = DatePart.IsoDayOfWeek, ["DAYOFYEAR"] = DatePart.DayOfYear, ["WEEK"] = DatePart.Week,
        ["WEEKOFYEAR"] = DatePart.Week, ["ISOYEAR"] = DatePart.IsoYear, ["YEARWEEK"] = DatePart.YearWeek,
        ["DECADE"] = DatePart.Decade, ["CENTURY"] = DatePart.Century, ["MILLENNIUM"] = DatePart.Millennium,
        ["ERA"] = DatePart.Era, ["EPOCH"] = DatePart.Epoch,
    };

    private readonly string _text;
    private readonly Func<SqlExpr, Evaluator> _bind;

    public DateFunctionBinder(string text, Func<SqlExpr, Evaluator> bind)
    {
        _text = text;
        _bind = bind;
    }

    /// <summary>True for the names <see cref="BindFunction"/> binds (upper case).</summary>
    public static bool IsDateFunction(string name) =>
        name is "DATE_PART" or "DATEPART" or "DATE_TRUNC" or "DATETRUNC" or "DATE_DIFF" or "DATEDIFF" or "STRFTIME"
        || PartFunctions.ContainsKey(name);

    /// <summary>Binds a call whose name <see cref="IsDateFunction"/> accepts.</summary>
    public Evaluator BindFunction(FunctionExpr f)
    {
        if (f.Star || f.Distinct)
        {
            throw Error("binder error", f.Start, $"{f.Name} does not take {(f.Star ? "*" : "DISTINCT")}");
        }

        if (PartFunctions.TryGetValue(f.Name, out var part))
        {
            Arity(f, 1, "a DATE or TIMESTAMP");
            var operand = DateArgument(f, 0);
            return Fold(new DatePartEvaluator(part, operand), operand);
        }

        switch (f.Name)
        {
            case "DATE_PART" or "DATEPART":
            {
                Arity(f, 2, "a part such as 'year' and a DATE or TIMESTAMP");
                var operand = DateArgument(f, 1);
                if (!TryPart(f, out part))
                {
                    return new ConstantEvaluator(SqlValue.Null, SqlType.BigInt);
                }

                return Fold(new DatePartEvaluator(part, operand), operand);
            }

            case "DATE_TRUNC" or "DATETRUNC":
            {
                Arity(f, 2, "a part such as 'month' and a DATE or TIMESTAMP");
                var operand = DateArgument(f, 1);
                if (!TryPart(f, out part))
                {
                    return new ConstantEvaluator(SqlValue.Null, SqlType.Timestamp);
                }

                if (!DateParts.CanTruncate(part))
                {
                    throw Error("binder error", f.Arguments[0].Start, $"{f.Name} cannot truncate to '{PartText(f)}'; parts are microsecond, millisecond, second, minute, hour, day, week, month, quarter, year, isoyear, decade, century, millennium");
                }

                return Fold(new DateTruncEvaluator(part, operand), operand);
            }

            case "DATE_DIFF" or "DATEDIFF":
            {
                Arity(f, 3, "a part such as 'day', a start and an end DATE or TIMESTAMP");
                var start = DateArgument(f, 1);
                var end = DateArgument(f, 2);
                if (!TryPart(f, out part))
                {
                    return new ConstantEvaluator(SqlValue.Null, SqlType.BigInt);
                }

                if (!DateParts.CanDiff(part))
                {
                    throw Error("binder error", f.Arguments[0].Start, $"{f.Name} cannot count '{PartText(f)}'");
                }

                return Fold(new DateDiffEvaluator(part, start, end), start, end);
            }

            default:
                return BindStrftime(f);
        }
    }

    /// <summary>
    /// <c>x + INTERVAL ...</c>, <c>INTERVAL ... + x</c> and <c>x - INTERVAL ...</c>, before the operands are bound (an
    /// interval alone is no value); null when neither side is an interval.
    /// </summary>
    public Evaluator? TryBindInterval(BinaryExpr binary)
    {
        var op = binary.Operator;
        if (binary.Left is not IntervalExpr && binary.Right is not IntervalExpr)
        {
            return null;
        }

        const string Why = "an INTERVAL can only be added to a DATE or TIMESTAMP, or subtracted from one";
        if (op is not (BinaryOperator.Add or BinaryOperator.Subtract) || (binary.Left is IntervalExpr && (binary.Right is IntervalExpr || op == BinaryOperator.Subtract)))
        {
            throw Error("type error", binary.OperatorPosition, Why);
        }

        var (operandExpr, interval) = binary.Right is IntervalExpr right ? (binary.Left, right) : (binary.Right, (IntervalExpr)binary.Left);
        var operand = _bind(operandExpr);
        if (!DateValues.IsDateLike(operand.Type))
        {
            throw Error("type error", binary.OperatorPosition, $"{Why}, not a {SqlCast.TypeName(operand.Type)}");
        }

        var value = op == BinaryOperator.Subtract ? interval.Value.Negate() : interval.Value;
        return Fold(new IntervalAddEvaluator(operand, value, SourceLocation.Describe(_text, binary.OperatorPosition), binary.OperatorPosition), operand);
    }

    /// <summary>
    /// <c>date + n</c>, <c>n + date</c>, <c>date - n</c> (DATE) and <c>date - date</c> (BIGINT days) over bound
    /// operands; null when neither is a DATE or TIMESTAMP (ordinary arithmetic).
    /// </summary>
    public Evaluator? TryBindArithmetic(BinaryOperator op, Evaluator left, Evaluator right, int position)
    {
        var lt = left.Type;
        var rt = right.Type;
        if (lt is not (SqlType.Date or SqlType.Timestamp) && rt is not (SqlType.Date or SqlType.Timestamp))
        {
            return null;
        }

        var location = SourceLocation.Describe(_text, position);
        switch (op)
        {
            case BinaryOperator.Add when lt == SqlType.Date && rt is SqlType.BigInt or SqlType.Null:
                return Fold(new DateAddDaysEvaluator(left, right, subtract: false, location, position), left, right);
            case BinaryOperator.Add when rt == SqlType.Date && lt is SqlType.BigInt or SqlType.Null:
                return Fold(new DateAddDaysEvaluator(right, left, subtract: false, location, position), left, right);
            case BinaryOperator.Subtract when lt == SqlType.Date && rt is SqlType.BigInt:
                return Fold(new DateAddDaysEvaluator(left, right, subtract: true, location, position), left, right);
            case BinaryOperator.Subtract when lt == SqlType.Date && rt == SqlType.Null:
                return new ConstantEvaluator(SqlValue.Null, SqlType.Date);
            case BinaryOperator.Subtract when lt is SqlType.Date or SqlType.Null && rt == SqlType.Date:
                return Fold(new DateSubtractEvaluator(left, right), left, right);
            case BinaryOperator.Subtract when lt == SqlType.Timestamp && rt is SqlType.Timestamp or SqlType.Date:
                throw Error("type error", position, "TIMESTAMP - TIMESTAMP makes an INTERVAL, which is not supported; use DATE_DIFF('second', a, b) or another part");
            default:
                throw Error(
                    "type error",
                    position,
                    $"operator {BigIntArithmeticEvaluator.Symbol(op)} does not take {SqlCast.TypeName(lt)} and {SqlCast.TypeName(rt)}; dates take + and - with a whole number of days, another DATE (-) or an INTERVAL");
        }
    }

    private Evaluator BindStrftime(FunctionExpr f)
    {
        Arity(f, 2, "a DATE or TIMESTAMP and a constant format such as '%Y-%m-%d'");
        var first = _bind(f.Arguments[0]);
        var second = _bind(f.Arguments[1]);
        var (operand, format, formatExpr) = first.Type == SqlType.Varchar && second.Type is SqlType.Date or SqlType.Timestamp
            ? (second, first, f.Arguments[0])
            : (first, second, f.Arguments[1]);
        if (!DateValues.IsDateLike(operand.Type))
        {
            throw Error("type error", f.Start, $"{f.Name} needs a DATE or TIMESTAMP, got {SqlCast.TypeName(operand.Type)}");
        }

        if (!format.IsConstant || format.Type is not (SqlType.Varchar or SqlType.Null))
        {
            throw Error("binder error", formatExpr.Start, $"{f.Name} needs a constant VARCHAR format such as '%Y-%m-%d'");
        }

        var text = format.Evaluate([]);
        if (text.IsNull)
        {
            return new ConstantEvaluator(SqlValue.Null, SqlType.Varchar);
        }

        if (!StrftimeFormat.TryCompile(text.Text, out var compiled, out var why))
        {
            throw Error("binder error", formatExpr.Start, $"{f.Name}: {why}");
        }

        return Fold(new StrftimeEvaluator(operand, compiled!), operand);
    }

    private Evaluator DateArgument(FunctionExpr f, int index)
    {
        var argument = _bind(f.Arguments[index]);
        if (!DateValues.IsDateLike(argument.Type))
        {
            throw Error("type error", f.Arguments[index].Start, $"{f.Name} needs a DATE or TIMESTAMP, got {SqlCast.TypeName(argument.Type)}; cast text with CAST(x AS DATE) or DATE '...'");
        }

        return argument;
    }

    /// <summary>The constant part of the first argument; false when it is NULL (the call is NULL).</summary>
    private bool TryPart(FunctionExpr f, out DatePart part)
    {
        part = default;
        var argument = _bind(f.Arguments[0]);
        if (!argument.IsConstant || argument.Type is not (SqlType.Varchar or SqlType.Null))
        {
            throw Error("binder error", f.Arguments[0].Start, $"{f.Name} needs a constant part such as 'year' or 'month' first");
        }

        var value = argument.Evaluate([]);
        if (value.IsNull)
        {
            return false;
        }

        if (!DateParts.TryParse(value.Text, out part))
        {
            throw Error("binder error", f.Arguments[0].Start, $"unknown date part '{SourceLocation.Quote(value.Text)}'; parts are microsecond, millisecond, second, minute, hour, day, dayofweek (dow), isodow, dayofyear (doy), week, month, quarter, year, isoyear, yearweek, decade, century, millennium, era, epoch");
        }

        return true;
    }

    private string PartText(FunctionExpr f) => SourceLocation.Quote(_text[f.Arguments[0].Start..f.Arguments[0].End].Trim('\''));

    private void Arity(FunctionExpr f, int count, string what)
    {
        if (f.Arguments.Count != count)
        {
            throw Error("binder error", f.Start, $"{f.Name} takes {count} argument{(count == 1 ? string.Empty : "s")}: {what}; got {f.Arguments.Count}");
        }
    }

    private static Evaluator Fold(Evaluator evaluator, params ReadOnlySpan<Evaluator> children)
    {
        foreach (var child in children)
        {
            if (!child.IsConstant)
            {
                return evaluator;
            }
        }

        return new ConstantEvaluator(evaluator.Evaluate([]), evaluator.Type);
    }

    private QueryException Error(string kind, int position, string why) =>
        new($"{kind} at {SourceLocation.Describe(_text, position)}: {why}", position);
}
