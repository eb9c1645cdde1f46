using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// Binds the scalar functions, <c>CASE</c> and <c>||</c> for <see cref="SqlBinder"/>: checks argument counts and types,
/// unifies result types as DuckDB (BIGINT with DOUBLE gives DOUBLE, a text literal takes the other branches' type),
/// and folds calls over constants.
/// </summary>
internal sealed class ScalarFunctionBinder
{
    /// <summary>The scalar functions for the unknown-function message.</summary>
    public const string FunctionNames =
        "LOWER, UPPER, LENGTH, SHA256_ROUNDS, CAST, COALESCE, IFNULL, NULLIF, CONCAT, SUBSTR, SUBSTRING, TRIM, LTRIM, RTRIM, "
        + "REPLACE, STARTS_WITH, CONTAINS, STRPOS, INSTR, POSITION(x IN y), LEFT, RIGHT, REGEXP_MATCHES, REGEXP_EXTRACT, SPLIT_PART, ROUND, ABS, "
        + "FLOOR, CEIL, CEILING, POWER, POW, SQRT, LN, LOG10, DATE_PART, DATE_TRUNC, DATE_DIFF, DATEDIFF, STRFTIME, YEAR, MONTH, DAY, "
        + "HOUR, MINUTE, SECOND, QUARTER, DAYOFWEEK, DAYOFYEAR, WEEK and the other date parts (EXTRACT)";

    private readonly string _text;
    private readonly Func<SqlExpr, Evaluator> _bind;

    /// <param name="text">The query text, for error locations.</param>
    /// <param name="bind">Binds a sub-expression in the caller's scope.</param>
    public ScalarFunctionBinder(string text, Func<SqlExpr, Evaluator> bind)
    {
        _text = text;
        _bind = bind;
    }

    /// <summary><c>a || b</c>: both as text, NULL if either is NULL.</summary>
    public static Evaluator BindConcatOperator(Evaluator left, Evaluator right) =>
        SqlBinder.Fold(
            new BinaryFunctionEvaluator(SqlType.Varchar, left, right, static (a, b) => SqlValue.FromText(ValueText.Of(a) + ValueText.Of(b))),
            left,
            right);

    /// <summary>Binds a call of a scalar function; an unknown name or a wrong argument is a <see cref="QueryException"/>.</summary>
    public Evaluator BindFunction(FunctionExpr f)
    {
        if (f.Star || f.Distinct)
        {
            throw Error("binder error", f.Start, $"{f.Name}({(f.Star ? "*" : "DISTINCT ...")}) is not allowed; only aggregates take {(f.Star ? "*" : "DISTINCT")}");
        }

        var location = Location(f.Start);
        switch (f.Name)
        {
            case "COALESCE":
                Arity(f, 1, int.MaxValue);
                return BindCoalesce(f);
            case "IFNULL":
                Arity(f, 2, 2);
                return BindCoalesce(f);
            case "NULLIF":
                Arity(f, 2, 2);
                var value = _bind(f.Arguments[0]);
                var equals = _bind(new BinaryExpr(BinaryOperator.Equal, f.Arguments[0], f.Arguments[1], f.Arguments[1].Start));
                return SqlBinder.Fold(new NullIfEvaluator(value, equals), value, equals);
            case "CONCAT":
                Arity(f, 1, int.MaxValue);
                var parts = f.Arguments.Select(_bind).ToArray();
                return SqlBinder.Fold(new ConcatEvaluator(parts), parts);
            case "SUBSTR" or "SUBSTRING":
                Arity(f, 2, 3);
                return f.Arguments.Count == 2
                    ? Binary(SqlType.Varchar, Text(f, 0), Integer(f, 1), (s, a) => SqlValue.FromText(TextFunctions.Substring(s.Text, a.Int64, null, location)))
                    : Ternary(
                        SqlType.Varchar,
                        Text(f, 0),
                        Integer(f, 1),
                        Integer(f, 2),
                        (s, a, n) => SqlValue.FromText(TextFunctions.Substring(s.Text, a.Int64, n.Int64, location)));
            case "TRIM" or "LTRIM" or "RTRIM":
                Arity(f, 1, 2);
                var start = f.Name != "RTRIM";
                var end = f.Name != "LTRIM";
                return f.Arguments.Count == 1
                    ? Unary(SqlType.Varchar, Text(f, 0), s => SqlValue.FromText(TextFunctions.Trim(s.Text, null, start, end)))
                    : Binary(SqlType.Varchar, Text(f, 0), Text(f, 1), (s, c) => SqlValue.FromText(TextFunctions.Trim(s.Text, c.Text, start, end)));
            case "REPLACE":
                Arity(f, 3, 3);
                return Ternary(SqlType.Varchar, Text(f, 0), Text(f, 1), Text(f, 2), static (s, a, b) => SqlValue.FromText(TextFunctions.Replace(s.Text, a.Text, b.Text)));
            case "STARTS_WITH":
                Arity(f, 2, 2);
                return Binary(SqlType.Boolean, Text(f, 0), Text(f, 1), static (s, p) => BoolValues.Of(s.Text.StartsWith(p.Text, StringComparison.Ordinal)));
            case "CONTAINS":
                Arity(f, 2, 2);
                return Binary(SqlType.Boolean, Text(f, 0), Text(f, 1), static (s, p) => BoolValues.Of(s.Text.Contains(p.Text, StringComparison.Ordinal)));
            case "STRPOS" or "INSTR":
                Arity(f, 2, 2);
                return Binary(SqlType.BigInt, Text(f, 0), Text(f, 1), static (s, p) => SqlValue.FromInt64(TextFunctions.StrPos(s.Text, p.Text)));
            case "POSITION":
                Arity(f, 2, 2);
                return Binary(SqlType.BigInt, Text(f, 1), Text(f, 0), static (s, p) => SqlValue.FromInt64(TextFunctions.StrPos(s.Text, p.Text)));
            case "LEFT":
                Arity(f, 2, 2);
                return Binary(SqlType.Varchar, Text(f, 0), Integer(f, 1), static (s, n) => SqlValue.FromText(TextFunctions.Left(s.Text, n.Int64)));
            case "RIGHT":
                Arity(f, 2, 2);
                return Binary(SqlType.Varchar, Text(f, 0), Integer(f, 1), static (s, n) => SqlValue.FromText(TextFunctions.Right(s.Text, n.Int64)));
            case "SPLIT_PART":
                Arity(f, 3, 3);
                return Ternary(SqlType.Varchar, Text(f, 0), Text(f, 1), Integer(f, 2), static (s, sep, n) => SqlValue.FromText(TextFunctions.SplitPart(s.Text, sep.Text, n.Int64)));
            case "REGEXP_MATCHES":
                Arity(f, 2, 2);
                return BindRegexMatches(f, location);
            case "REGEXP_EXTRACT":
                Arity(f, 2, 3);
                return BindRegexExtract(f, location);
            case "ROUND":
                Arity(f, 1, 2);
                return BindRound(f, location);
            case "ABS":
                Arity(f, 1, 1);
                var abs = Number(f, 0);
                return abs.Type == SqlType.Double
                    ? Unary(SqlType.Double, abs, static x => SqlValue.FromDouble(Math.Abs(x.Float64)))
                    : Unary(SqlType.BigInt, abs, x => SqlValue.FromInt64(NumericFunctions.Abs(x.Int64, location)));
            case "FLOOR":
                Arity(f, 1, 1);
                return Unary(SqlType.Double, Number(f, 0), static x => SqlValue.FromDouble(Math.Floor(x.AsDouble())));
            case "CEIL" or "CEILING":
                Arity(f, 1, 1);
                return Unary(SqlType.Double, Number(f, 0), static x => SqlValue.FromDouble(Math.Ceiling(x.AsDouble())));
            case "POWER" or "POW":
                Arity(f, 2, 2);
                return Binary(SqlType.Double, Number(f, 0), Number(f, 1), static (x, y) => SqlValue.FromDouble(Math.Pow(x.AsDouble(), y.AsDouble())));
            case "SQRT":
                Arity(f, 1, 1);
                return Unary(SqlType.Double, Number(f, 0), x => SqlValue.FromDouble(NumericFunctions.Sqrt(x.AsDouble(), location)));
            case "LN" or "LOG10":
                Arity(f, 1, 1);
                var base10 = f.Name == "LOG10";
                return Unary(SqlType.Double, Number(f, 0), x => SqlValue.FromDouble(NumericFunctions.Log(x.AsDouble(), base10, location)));
            default:
                throw Error(
                    "binder error",
                    f.Start,
                    $"unknown function '{SourceLocation.Quote(f.Name)}'; functions are {FunctionNames} and the aggregates {AggregateFunctions.Names}");
        }
    }

    /// <summary>
    /// <c>CASE</c>: conditions must be BOOLEAN; the simple form compares the operand with each WHEN value by <c>=</c>;
    /// the results take one type.
    /// </summary>
    public Evaluator BindCase(CaseExpr c)
    {
        var conditions = new Evaluator[c.Whens.Count];
        for (var i = 0; i < conditions.Length; i++)
        {
            var when = c.Whens[i];
            var condition = c.Operand is null ? _bind(when) : _bind(new BinaryExpr(BinaryOperator.Equal, c.Operand, when, when.Start));
            if (condition.Type is not (SqlType.Boolean or SqlType.Null))
            {
                throw Error("type error", when.Start, $"CASE WHEN needs a BOOLEAN condition, got {SqlCast.TypeName(condition.Type)}");
            }

            conditions[i] = condition;
        }

        var sources = new List<SqlExpr>(c.Thens);
        if (c.Else is not null)
        {
            sources.Add(c.Else);
        }

        var results = Unify("CASE", sources, out var type);
        var thens = results[..c.Thens.Count];
        var otherwise = c.Else is null ? null : results[^1];
        return SqlBinder.Fold(new CaseEvaluator(type, conditions, thens, otherwise), [.. conditions, .. results]);
    }

    private Evaluator BindCoalesce(FunctionExpr f)
    {
        var arguments = Unify(f.Name, f.Arguments, out var type);
        return SqlBinder.Fold(new CoalesceEvaluator(type, arguments), arguments);
    }

    private Evaluator BindRegexMatches(FunctionExpr f, string location)
    {
        var text = Text(f, 0);
        var pattern = Text(f, 1);
        if (pattern is ConstantEvaluator constant)
        {
            if (constant.Value.IsNull)
            {
                return new ConstantEvaluator(SqlValue.Null, SqlType.Boolean);
            }

            var regex = RegexFunctions.Compile(constant.Value.Text, location);
            return Unary(SqlType.Boolean, text, s => BoolValues.Of(RegexFunctions.IsMatch(regex, s.Text, location)));
        }

        return Binary(SqlType.Boolean, text, pattern, (s, p) => BoolValues.Of(RegexFunctions.IsMatch(s.Text, p.Text, location)));
    }

    private Evaluator BindRegexExtract(FunctionExpr f, string location)
    {
        var text = Text(f, 0);
        var pattern = Text(f, 1);
        var group = 0;
        if (f.Arguments.Count == 3)
        {
            var g = _bind(f.Arguments[2]);
            if (!g.IsConstant || g.Type is not (SqlType.BigInt or SqlType.Null)
                || g.Evaluate([]) is { IsNull: false, Int64: < 0 or > RegexFunctions.MaxGroup })
            {
                throw Error("binder error", f.Arguments[2].Start, $"{f.Name} needs a constant group from 0 to {RegexFunctions.MaxGroup}");
            }

            // A NULL group extracts nothing (DuckDB gives ''): no pattern has a group that high.
            var value = g.Evaluate([]);
            group = value.IsNull ? int.MaxValue : (int)value.Int64;
        }

        if (pattern is ConstantEvaluator constant)
        {
            if (constant.Value.IsNull)
            {
                return new ConstantEvaluator(SqlValue.Null, SqlType.Varchar);
            }

            var regex = RegexFunctions.Compile(constant.Value.Text, location);
            return Unary(SqlType.Varchar, text, s => SqlValue.FromText(RegexFunctions.Extract(regex, s.Text, group, location)));
        }

        return Binary(SqlType.Varchar, text, pattern, (s, p) => SqlValue.FromText(RegexFunctions.Extract(s.Text, p.Text, group, location)));
    }

    private Evaluator BindRound(FunctionExpr f, string location)
    {
        var x = Number(f, 0);
        if (f.Arguments.Count == 1)
        {
            return x.Type == SqlType.Double
                ? Unary(SqlType.Double, x, static v => SqlValue.FromDouble(Math.Round(v.Float64, MidpointRounding.AwayFromZero)))
                : Unary(SqlType.BigInt, x, static v => v);
        }

        var digits = Integer(f, 1);
        return x.Type == SqlType.Double
            ? Binary(SqlType.Double, x, digits, static (v, d) => SqlValue.FromDouble(NumericFunctions.Round(v.Float64, d.Int64)))
            : Binary(SqlType.BigInt, x, digits, (v, d) => SqlValue.FromInt64(NumericFunctions.Round(v.Int64, d.Int64, location)));
    }

    /// <summary>Binds <paramref name="sources"/> and casts them to one type: the widest of the typed ones, text literals cast to it.</summary>
    private Evaluator[] Unify(string what, IReadOnlyList<SqlExpr> sources, out SqlType type)
    {
        var values = new Evaluator[sources.Count];
        type = SqlType.Null;
        var textConstant = false;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i] = _bind(sources[i]);
            if (value.Type == SqlType.Null)
            {
                continue;
            }

            if (value is ConstantEvaluator { Type: SqlType.Varchar })
            {
                textConstant = true;
                continue;
            }

            type = Widest(type, value.Type)
                ?? throw Error("type error", sources[i].Start, $"{what} cannot mix {SqlCast.TypeName(type)} and {SqlCast.TypeName(value.Type)}; add a CAST");
        }

        if (type == SqlType.Null && textConstant)
        {
            type = SqlType.Varchar;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Convert(values[i], type, sources[i]);
        }

        return values;
    }

    private static SqlType? Widest(SqlType a, SqlType b) => (a, b) switch
    {
        _ when a == b || b == SqlType.Null => a,
        (SqlType.Null, _) => b,
        (SqlType.BigInt or SqlType.Boolean, SqlType.Double) or (SqlType.Double, SqlType.BigInt or SqlType.Boolean) => SqlType.Double,
        (SqlType.Boolean, SqlType.BigInt) or (SqlType.BigInt, SqlType.Boolean) => SqlType.BigInt,
        _ => null,
    };

    private Evaluator Convert(Evaluator value, SqlType type, SqlExpr source)
    {
        if (value.Type == type)
        {
            return value;
        }

        if (value is ConstantEvaluator constant)
        {
            if (!SqlCast.TryCast(constant.Value, type, out var cast))
            {
                throw Error("conversion error", source.Start, $"could not convert '{SourceLocation.Quote(constant.Value.ToString())}' to {SqlCast.TypeName(type)}");
            }

            return new ConstantEvaluator(cast, type);
        }

        return new CastEvaluator(value, type, Location(source.Start), source.Start);
    }

    private static Evaluator Unary(SqlType type, Evaluator a, Func<SqlValue, SqlValue> body) =>
        SqlBinder.Fold(new UnaryFunctionEvaluator(type, a, body), a);

    private static Evaluator Binary(SqlType type, Evaluator a, Evaluator b, Func<SqlValue, SqlValue, SqlValue> body) =>
        SqlBinder.Fold(new BinaryFunctionEvaluator(type, a, b, body), a, b);

    private static Evaluator Ternary(SqlType type, Evaluator a, Evaluator b, Evaluator c, Func<SqlValue, SqlValue, SqlValue, SqlValue> body) =>
        SqlBinder.Fold(new TernaryFunctionEvaluator(type, a, b, c, body), a, b, c);

    private void Arity(FunctionExpr f, int min, int max)
    {
        var n = f.Arguments.Count;
        if (n >= min && n <= max)
        {
            return;
        }

        var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
        throw Error("binder error", f.Start, $"{f.Name} takes {expected} argument{(min == 1 && max == 1 ? string.Empty : "s")}, got {n}");
    }

    /// <summary>Argument <paramref name="i"/> as VARCHAR (or NULL).</summary>
    private Evaluator Text(FunctionExpr f, int i)
    {
        var e = _bind(f.Arguments[i]);
        return e.Type is SqlType.Varchar or SqlType.Null
            ? e
            : throw Error("type error", f.Arguments[i].Start, $"{f.Name} needs a VARCHAR as argument {i + 1}, got {SqlCast.TypeName(e.Type)}");
    }

    /// <summary>Argument <paramref name="i"/> as BIGINT (or NULL); a text literal is cast, as DuckDB.</summary>
    private Evaluator Integer(FunctionExpr f, int i)
    {
        var e = _bind(f.Arguments[i]);
        if (e is ConstantEvaluator { Type: SqlType.Varchar })
        {
            return Convert(e, SqlType.BigInt, f.Arguments[i]);
        }

        return e.Type is SqlType.BigInt or SqlType.Null
            ? e
            : throw Error("type error", f.Arguments[i].Start, $"{f.Name} needs a BIGINT as argument {i + 1}, got {SqlCast.TypeName(e.Type)}");
    }

    /// <summary>Argument <paramref name="i"/> as BIGINT or DOUBLE (or NULL).</summary>
    private Evaluator Number(FunctionExpr f, int i)
    {
        var e = _bind(f.Arguments[i]);
        return e.Type is SqlType.BigInt or SqlType.Double or SqlType.Null
            ? e
            : throw Error("type error", f.Arguments[i].Start, $"{f.Name} needs a number as argument {i + 1}, got {SqlCast.TypeName(e.Type)}");
    }

    private string Location(int position) => SourceLocation.Describe(_text, position);

    private QueryException Error(string kind, int position, string why) => new($"{kind} at {Location(position)}: {why}", position);
}
