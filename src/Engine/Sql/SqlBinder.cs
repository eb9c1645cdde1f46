using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Functions;
using OrleansProc.Engine.Sql.Joins;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// Binds a parsed query to a schema: resolves columns, aliases and ordinals, checks types and the rules of
/// grouping, and compiles every expression into an <see cref="Evaluator"/> tree.
/// </summary>
internal sealed partial class SqlBinder
{
    private readonly SqlQuery _query;
    private readonly TableSchema _schema;
    private readonly ColumnScope _scope;
    private readonly string _text;
    private readonly bool[] _needed;
    private readonly List<SqlExpr> _selectExpressions = [];
    private readonly List<string> _selectNames = [];
    private readonly Dictionary<string, int> _aliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _aliasesInProgress = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _groupKeyTexts = [];
    private readonly List<Evaluator> _groupKeys = [];
    private readonly Dictionary<string, int> _aggregateSlots = new(StringComparer.Ordinal);
    private readonly List<AggregateSpec> _aggregates = [];
    private string _rowContext = "WHERE";
    private bool _aggregatesClosed;
    private bool _distinctAsGroups;

    private SqlBinder(SqlQuery query, TableSchema schema, ColumnScope scope)
    {
        _query = query;
        _schema = schema;
        _scope = scope;
        _text = query.Text;
        _needed = new bool[schema.Count];
    }

    private enum Scope
    {
        Row,
        Group,
    }

    public static BoundQuery Bind(SqlQuery query, TableSchema schema) => Bind(query, schema, ColumnScope.Single(query, schema));

    /// <summary>Binds over the tables of <paramref name="scope"/>, whose combined row is <paramref name="schema"/>.</summary>
    public static BoundQuery Bind(SqlQuery query, TableSchema schema, ColumnScope scope) => new SqlBinder(query, schema, scope).Bind();

    private static bool IsAggregateName(string name) => name is "COUNT" or "SUM" or "AVG" or "MIN" or "MAX" || AggregateFunctions.IsAggregate(name);

    private static bool ContainsAggregate(SqlExpr e)
    {
        if (e is FunctionExpr f && IsAggregateName(f.Name))
        {
            return true;
        }

        foreach (var child in e.Children)
        {
            if (ContainsAggregate(child))
            {
                return true;
            }
        }

        return false;
    }

    private BoundQuery Bind()
    {
        ExpandSelectList();
        var isAggregate = _query.GroupBy.Count > 0 || _query.Having is not null;
        foreach (var e in _selectExpressions)
        {
            isAggregate |= ContainsAggregate(e);
        }

        foreach (var item in _query.OrderBy)
        {
            isAggregate |= ContainsAggregate(item.Expression);
        }

        // SELECT DISTINCT without aggregates groups by the select list; with aggregates, Finish removes duplicate rows.
        _distinctAsGroups = _query.Distinct && !isAggregate;
        var distinctRows = _query.Distinct && isAggregate;
        isAggregate |= _distinctAsGroups;
        Evaluator? where = null;
        if (_query.Where is { } whereExpr)
        {
            _rowContext = "WHERE";
            where = BindCondition(whereExpr, Scope.Row, "WHERE");
        }

        var scope = isAggregate ? Scope.Group : Scope.Row;
        foreach (var groupExpr in _query.GroupBy)
        {
            BindGroupKey(groupExpr);
        }

        if (_distinctAsGroups)
        {
            BindSelectListAsGroupKeys();
        }

        _rowContext = "SELECT";
        var outputs = new Evaluator[_selectExpressions.Count];
        var outputColumns = new ColumnSchema[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Bind(_selectExpressions[i], scope);
            outputColumns[i] = new ColumnSchema(_selectNames[i], outputs[i].Type == SqlType.Null ? SqlType.Varchar : outputs[i].Type);
        }

        Evaluator? having = null;
        if (_query.Having is { } havingExpr)
        {
            having = BindCondition(havingExpr, Scope.Group, "HAVING");
        }

        _rowContext = "ORDER BY";
        var sortKeys = new List<SortKey>();
        var extra = new List<Evaluator>();
        foreach (var item in _query.OrderBy)
        {
            var output = ResolveOrderByOutput(item.Expression);
            if (output >= 0)
            {
                sortKeys.Add(new SortKey(output, -1, item.Descending, item.NullsFirst));
                continue;
            }

            if (distinctRows)
            {
                throw Error("binder error", item.Expression.Start, "for SELECT DISTINCT with aggregates, ORDER BY expressions must appear in the select list");
            }

            sortKeys.Add(new SortKey(-1, extra.Count, item.Descending, item.NullsFirst));
            extra.Add(Bind(item.Expression, scope));
        }

        _aggregatesClosed = true;
        return new BoundQuery
        {
            InputSchema = _schema,
            NeededColumns = _needed,
            OutputColumns = outputColumns,
            Where = where,
            IsAggregate = isAggregate,
            GroupKeys = [.. _groupKeys],
            Aggregates = [.. _aggregates],
            Having = having,
            Outputs = outputs,
            OrderBy = [.. sortKeys],
            ExtraSortKeys = [.. extra],
            Limit = _query.Limit,
            DistinctRows = distinctRows,
        };
    }

    private void ExpandSelectList()
    {
        foreach (var item in _query.Items)
        {
            if (item.Expression is null)
            {
                foreach (var (column, columnName) in _scope.Star(item.Start, item.End))
                {
                    _selectExpressions.Add(column);
                    _selectNames.Add(columnName);
                }

                continue;
            }

            _selectExpressions.Add(item.Expression);
            var name = item.Alias ?? (item.Expression is ColumnExpr c ? c.Name : _text[item.Start..item.End].Trim());
            _selectNames.Add(name);
            if (item.Alias is not null)
            {
                _aliases.TryAdd(item.Alias, _selectExpressions.Count - 1);
            }
        }
    }

    private void BindGroupKey(SqlExpr groupExpr)
    {
        var resolved = groupExpr;
        if (groupExpr is LiteralExpr { Value.Type: SqlType.BigInt } ordinal)
        {
            var k = ordinal.Value.Int64;
            if (k < 1 || k > _selectExpressions.Count)
            {
                throw Error("binder error", groupExpr.Start, $"GROUP BY position {k} is not in the select list (1 to {_selectExpressions.Count})");
            }

            resolved = _selectExpressions[(int)k - 1];
            if (ContainsAggregate(resolved))
            {
                throw Error("binder error", groupExpr.Start, $"GROUP BY position {k} refers to an aggregate, which cannot be grouped by");
            }
        }
        else if (groupExpr is ColumnExpr { Qualifier: null } c && _scope.Find(c) < 0 && _aliases.TryGetValue(c.Name, out var aliased))
        {
            resolved = _selectExpressions[aliased];
            if (ContainsAggregate(resolved))
            {
                throw Error("binder error", groupExpr.Start, $"GROUP BY alias '{SourceLocation.Quote(c.Name)}' refers to an aggregate, which cannot be grouped by");
            }
        }

        var key = resolved.Key;
        if (_groupKeyTexts.Contains(key))
        {
            return;
        }

        _rowContext = "GROUP BY";
        var evaluator = Bind(resolved, Scope.Row);
        _groupKeyTexts.Add(key);
        _groupKeys.Add(evaluator);
    }

    /// <summary>SELECT DISTINCT without aggregates: every select expression (each once) is a group key.</summary>
    private void BindSelectListAsGroupKeys()
    {
        _rowContext = "SELECT";
        foreach (var e in _selectExpressions)
        {
            if (!_groupKeyTexts.Contains(e.Key))
            {
                var evaluator = Bind(e, Scope.Row);
                _groupKeyTexts.Add(e.Key);
                _groupKeys.Add(evaluator);
            }
        }
    }

    private int ResolveOrderByOutput(SqlExpr e)
    {
        if (e is LiteralExpr { Value.Type: SqlType.BigInt } ordinal)
        {
            var k = ordinal.Value.Int64;
            if (k < 1 || k > _selectExpressions.Count)
            {
                throw Error("binder error", e.Start, $"ORDER BY position {k} is not in the select list (1 to {_selectExpressions.Count})");
            }

            return (int)k - 1;
        }

        if (e is ColumnExpr c)
        {
            for (var i = 0; i < _selectNames.Count; i++)
            {
                if (string.Equals(_selectNames[i], c.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        var key = e.Key;
        for (var i = 0; i < _selectExpressions.Count; i++)
        {
            if (_selectExpressions[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    private Evaluator BindCondition(SqlExpr e, Scope scope, string clause)
    {
        var evaluator = Bind(e, scope);
        if (evaluator.Type is not (SqlType.Boolean or SqlType.Null))
        {
            throw TypeError(e.Start, $"{clause} needs a BOOLEAN condition, got {SqlCast.TypeName(evaluator.Type)}");
        }

        return evaluator;
    }

    private Evaluator Bind(SqlExpr e, Scope scope)
    {
        if (scope == Scope.Group && _groupKeyTexts.Count > 0)
        {
            var index = _groupKeyTexts.IndexOf(e.Key);
            if (index >= 0)
            {
                return new ColumnEvaluator(index, _groupKeys[index].Type);
            }
        }

        switch (e)
        {
            case LiteralExpr literal:
                return new ConstantEvaluator(literal.Value, literal.Value.Type);
            case ColumnExpr column:
                return BindColumn(column, scope);
            case FunctionExpr function when IsAggregateName(function.Name):
                if (scope == Scope.Row)
                {
                    throw Error(
                        "binder error",
                        function.Start,
                        _rowContext == "aggregate" ? "aggregate functions cannot be nested" : $"aggregate functions are not allowed in {_rowContext}");
                }

                return BindAggregate(function);
            case FunctionExpr function:
                return BindScalarFunction(function, scope);
            case UnaryExpr unary:
                return BindUnary(unary, scope);
            case BinaryExpr binary:
                return BindBinary(binary, scope);
            case InExpr inExpr:
                return BindIn(inExpr, scope);
            case BetweenExpr between:
                return BindBetween(between, scope);
            case LikeExpr like:
                return BindLike(like, scope);
            case IsNullExpr isNull:
                var tested = Bind(isNull.Operand, scope);
                return Fold(new IsNullEvaluator(tested, isNull.Negated), tested);
            case CastExpr cast:
                return BindCast(cast, scope);
            case CaseExpr caseExpr:
                return new ScalarFunctionBinder(_text, e => Bind(e, scope)).BindCase(caseExpr);
            case IntervalExpr:
                throw TypeError(e.Start, "an INTERVAL can only be added to a DATE or TIMESTAMP, or subtracted from one");
            default:
                throw Error("binder error", e.Start, "unsupported expression");
        }
    }

    private Evaluator BindColumn(ColumnExpr column, Scope scope)
    {
        var ordinal = _scope.Find(column);
        if (ordinal >= 0)
        {
            if (scope == Scope.Group)
            {
                var key = _groupKeys.FindIndex(k => k is ColumnEvaluator c && c.Ordinal == ordinal);
                if (key >= 0)
                {
                    return new ColumnEvaluator(key, _groupKeys[key].Type);
                }

                throw Error(
                    "binder error",
                    column.Start,
                    _distinctAsGroups
                        ? $"column '{SourceLocation.Quote(column.DottedName)}' is not in the SELECT DISTINCT list; ORDER BY expressions must appear in it"
                        : $"column '{SourceLocation.Quote(column.DottedName)}' must appear in the GROUP BY clause or be used in an aggregate function");
            }

            _needed[ordinal] = true;
            return new ColumnEvaluator(ordinal, _schema.Columns[ordinal].Type);
        }

        if (column.Qualifier is null && _aliases.TryGetValue(column.Name, out var aliased) && _aliasesInProgress.Add(column.Name))
        {
            try
            {
                return Bind(_selectExpressions[aliased], scope);
            }
            finally
            {
                _aliasesInProgress.Remove(column.Name);
            }
        }

        throw _scope.Unknown(column);
    }

    private Evaluator BindAggregate(FunctionExpr f)
    {
        var key = f.Key;
        if (_aggregateSlots.TryGetValue(key, out var existing))
        {
            return new ColumnEvaluator(_groupKeys.Count + existing, _aggregates[existing].ResultType);
        }

        if (_aggregatesClosed)
        {
            throw new InvalidOperationException("aggregates bound after the query was built");
        }

        AggregateSpec spec;
        if (AggregateFunctions.IsAggregate(f.Name))
        {
            spec = AggregateFunctions.Bind(f, BindAggregateArgument, Error);
        }
        else if (f.Star)
        {
            if (f.Name != "COUNT")
            {
                throw Error("binder error", f.Start, $"{f.Name}(*) is not allowed; only COUNT(*) takes *");
            }

            if (f.Distinct)
            {
                throw Error("syntax error", f.Start, "COUNT(DISTINCT *) is not allowed");
            }

            spec = new AggregateSpec(AggregateKind.CountStar, null, SqlType.Null, SqlType.BigInt);
        }
        else
        {
            if (f.Arguments.Count != 1)
            {
                throw Error("binder error", f.Start, $"{f.Name} takes 1 argument, got {f.Arguments.Count}");
            }

            var saved = _rowContext;
            _rowContext = "aggregate";
            var argument = Bind(f.Arguments[0], Scope.Row);
            _rowContext = saved;
            var type = argument.Type;
            var numeric = type is SqlType.BigInt or SqlType.Double or SqlType.Null;
            switch (f.Name)
            {
                case "COUNT":
                    spec = new AggregateSpec(f.Distinct ? AggregateKind.CountDistinct : AggregateKind.Count, argument, type, SqlType.BigInt);
                    break;
                case "SUM":
                case "AVG":
                    if (!numeric)
                    {
                        throw TypeError(f.Start, $"{f.Name} needs a numeric argument, got {SqlCast.TypeName(type)}");
                    }

                    var isDouble = type == SqlType.Double;
                    spec = f.Name == "SUM"
                        ? new AggregateSpec(isDouble ? AggregateKind.SumDouble : AggregateKind.SumBigInt, argument, type, isDouble ? SqlType.Double : SqlType.BigInt)
                        : new AggregateSpec(isDouble ? AggregateKind.AvgDouble : AggregateKind.AvgBigInt, argument, type, SqlType.Double);
                    spec = spec with { Distinct = f.Distinct, Name = f.Name };
                    break;
                default:
                    spec = new AggregateSpec(f.Name == "MIN" ? AggregateKind.Min : AggregateKind.Max, argument, type, type);
                    break;
            }
        }

        _aggregateSlots.Add(key, _aggregates.Count);
        _aggregates.Add(spec);
        return new ColumnEvaluator(_groupKeys.Count + _aggregates.Count - 1, spec.ResultType);
    }

    /// <summary>Binds an aggregate's argument over input rows (where another aggregate is an error).</summary>
    private Evaluator BindAggregateArgument(SqlExpr e)
    {
        var saved = _rowContext;
        _rowContext = "aggregate";
        var argument = Bind(e, Scope.Row);
        _rowContext = saved;
        return argument;
    }

    private Evaluator BindScalarFunction(FunctionExpr f, Scope scope)
    {
        if (DateFunctionBinder.IsDateFunction(f.Name))
        {
            return DateBinder(scope).BindFunction(f);
        }

        StringFunction function;
        switch (f.Name)
        {
            case "SHA256_ROUNDS":
                return BindSha256Rounds(f, scope);
            case "JSON_EXTRACT" or "JSON_EXTRACT_STRING" or SqlParser.JsonArrowName or SqlParser.JsonLongArrowName:
                return JsonExtractBinding.Bind(f, [.. f.Arguments.Select(a => Bind(a, scope))], _text);
            case "LOWER" or "LCASE":
                function = StringFunction.Lower;
                break;
            case "UPPER" or "UCASE":
                function = StringFunction.Upper;
                break;
            case "LENGTH" or "LEN" or "CHAR_LENGTH" or "CHARACTER_LENGTH":
                function = StringFunction.Length;
                break;
            default:
                return new ScalarFunctionBinder(_text, e => Bind(e, scope)).BindFunction(f);
        }

        if (f.Star || f.Distinct || f.Arguments.Count != 1)
        {
            throw Error("binder error", f.Start, $"{f.Name} takes 1 argument");
        }

        var argument = Bind(f.Arguments[0], scope);
        if (argument.Type is not (SqlType.Varchar or SqlType.Null))
        {
            throw TypeError(f.Start, $"{f.Name} needs a VARCHAR argument, got {SqlCast.TypeName(argument.Type)}");
        }

        return Fold(new StringFunctionEvaluator(function, argument), argument);
    }

    /// <summary>SHA256_ROUNDS(text, n): n a BIGINT constant from 1 to <see cref="Sha256RoundsEvaluator.MaxRounds"/>.</summary>
    private Evaluator BindSha256Rounds(FunctionExpr f, Scope scope)
    {
        if (f.Star || f.Distinct || f.Arguments.Count != 2)
        {
            throw Error("binder error", f.Start, $"{f.Name} takes 2 arguments: a VARCHAR and a constant number of rounds");
        }

        var text = Bind(f.Arguments[0], scope);
        if (text.Type is not (SqlType.Varchar or SqlType.Null))
        {
            throw TypeError(f.Start, $"{f.Name} needs a VARCHAR first argument, got {SqlCast.TypeName(text.Type)}");
        }

        var rounds = Bind(f.Arguments[1], scope);
        if (!rounds.IsConstant || rounds.Type != SqlType.BigInt || rounds.Evaluate([]) is not { IsNull: false, Int64: >= 1 and <= Sha256RoundsEvaluator.MaxRounds } n)
        {
            throw Error("binder error", f.Arguments[1].Start, $"{f.Name} needs a constant number of rounds from 1 to {Sha256RoundsEvaluator.MaxRounds}");
        }

        return Fold(new Sha256RoundsEvaluator(text, (int)n.Int64), text);
    }

    private Evaluator BindUnary(UnaryExpr unary, Scope scope)
    {
        var operand = Bind(unary.Operand, scope);
        if (unary.Operator == UnaryOperator.Not)
        {
            if (operand.Type is not (SqlType.Boolean or SqlType.Null))
            {
                throw TypeError(unary.Start, $"NOT needs a BOOLEAN argument, got {SqlCast.TypeName(operand.Type)}");
            }

            return Fold(new NotEvaluator(operand), operand);
        }

        if (operand.Type is not (SqlType.BigInt or SqlType.Double or SqlType.Null))
        {
            throw TypeError(unary.Start, $"unary minus needs a numeric argument, got {SqlCast.TypeName(operand.Type)}");
        }

        return Fold(new NegateEvaluator(operand, Location(unary.Start)), operand);
    }

    private Evaluator BindBinary(BinaryExpr binary, Scope scope)
    {
        if (DateBinder(scope).TryBindInterval(binary) is { } withInterval)
        {
            return withInterval;
        }

        var left = Bind(binary.Left, scope);
        var right = Bind(binary.Right, scope);
        var op = binary.Operator;
        var symbol = BigIntArithmeticEvaluator.Symbol(op);
        switch (op)
        {
            case BinaryOperator.And:
            case BinaryOperator.Or:
                if (left.Type is not (SqlType.Boolean or SqlType.Null) || right.Type is not (SqlType.Boolean or SqlType.Null))
                {
                    throw TypeError(
                        binary.OperatorPosition,
                        $"{symbol} needs BOOLEAN arguments, got {SqlCast.TypeName(left.Type)} and {SqlCast.TypeName(right.Type)}");
                }

                return Fold(op == BinaryOperator.And ? new AndEvaluator(left, right) : new OrEvaluator(left, right), left, right);
            case BinaryOperator.Add:
            case BinaryOperator.Subtract:
            case BinaryOperator.Multiply:
            case BinaryOperator.Divide:
            case BinaryOperator.Modulo:
            case BinaryOperator.IntegerDivide:
                if (DateBinder(scope).TryBindArithmetic(op, left, right, binary.OperatorPosition) is { } dated)
                {
                    return dated;
                }

                left = CoerceTextLiteralToNumber(left, right, binary.Left);
                right = CoerceTextLiteralToNumber(right, left, binary.Right);
                if (!IsNumericOrNull(left.Type) || !IsNumericOrNull(right.Type))
                {
                    throw TypeError(
                        binary.OperatorPosition,
                        $"operator {symbol} needs numeric arguments, got {SqlCast.TypeName(left.Type)} and {SqlCast.TypeName(right.Type)}");
                }

                if (op == BinaryOperator.Divide || left.Type == SqlType.Double || right.Type == SqlType.Double)
                {
                    return Fold(new DoubleArithmeticEvaluator(op, left, right), left, right);
                }

                return Fold(new BigIntArithmeticEvaluator(op, left, right, Location(binary.OperatorPosition), binary.OperatorPosition), left, right);
            case BinaryOperator.Concat:
                return ScalarFunctionBinder.BindConcatOperator(left, right);
            default:
                return BindComparison(op, left, right, binary.Left, binary.Right, binary.OperatorPosition);
        }
    }

    private DateFunctionBinder DateBinder(Scope scope) => new(_text, e => Bind(e, scope));

    private static bool IsNumericOrNull(SqlType type) => type is SqlType.BigInt or SqlType.Double or SqlType.Null;

    private Evaluator CoerceTextLiteralToNumber(Evaluator value, Evaluator other, SqlExpr source)
    {
        if (value is ConstantEvaluator { Type: SqlType.Varchar } constant && other.Type is SqlType.BigInt or SqlType.Double)
        {
            var target = SqlCast.TryParseInt64(constant.Value.Text, out _) ? SqlType.BigInt : SqlType.Double;
            return CastConstant(constant, target, source.Start);
        }

        return value;
    }

    private Evaluator BindComparison(BinaryOperator op, Evaluator left, Evaluator right, SqlExpr leftExpr, SqlExpr rightExpr, int position)
    {
        (left, right) = Coerce(left, right, leftExpr, rightExpr, position, BigIntArithmeticEvaluator.Symbol(op));
        return Fold(new ComparisonEvaluator(op, left, right), left, right);
    }

    /// <summary>Makes two operands comparable: a text literal takes the other side's type; text against a timestamp or date is cast, and a date against a timestamp.</summary>
    private (Evaluator Left, Evaluator Right) Coerce(Evaluator left, Evaluator right, SqlExpr leftExpr, SqlExpr rightExpr, int position, string what)
    {
        var lt = left.Type;
        var rt = right.Type;
        if (lt == rt || lt == SqlType.Null || rt == SqlType.Null || (IsNumericOrNull(lt) && IsNumericOrNull(rt)))
        {
            return (left, right);
        }

        if (lt == SqlType.Varchar && left is ConstantEvaluator leftConstant)
        {
            return (CastConstant(leftConstant, rt, leftExpr.Start), right);
        }

        if (rt == SqlType.Varchar && right is ConstantEvaluator rightConstant)
        {
            return (left, CastConstant(rightConstant, lt, rightExpr.Start));
        }

        if ((lt is SqlType.Timestamp or SqlType.Date && rt == SqlType.Varchar) || (lt, rt) is (SqlType.Timestamp, SqlType.Date))
        {
            return (left, Fold(new CastEvaluator(right, lt, Location(rightExpr.Start), rightExpr.Start), right));
        }

        if ((rt is SqlType.Timestamp or SqlType.Date && lt == SqlType.Varchar) || (lt, rt) is (SqlType.Date, SqlType.Timestamp))
        {
            return (Fold(new CastEvaluator(left, rt, Location(leftExpr.Start), leftExpr.Start), left), right);
        }

        throw TypeError(position, $"cannot compare {SqlCast.TypeName(lt)} and {SqlCast.TypeName(rt)} with {what}");
    }

    private ConstantEvaluator CastConstant(ConstantEvaluator constant, SqlType target, int position)
    {
        if (!SqlCast.TryCast(constant.Value, target, out var value))
        {
            throw Error("conversion error", position, $"could not convert '{SourceLocation.Quote(constant.Value.ToString())}' to {SqlCast.TypeName(target)}");
        }

        return new ConstantEvaluator(value, target);
    }

    private Evaluator BindIn(InExpr inExpr, Scope scope)
    {
        var operand = Bind(inExpr.Operand, scope);
        var items = new Evaluator[inExpr.Items.Count];
        var allConstant = operand.Type != SqlType.Null;
        var hasNull = false;
        for (var i = 0; i < items.Length; i++)
        {
            var item = Bind(inExpr.Items[i], scope);
            (var coerced, item) = Coerce(operand, item, inExpr.Operand, inExpr.Items[i], inExpr.Items[i].Start, "IN");
            if (!ReferenceEquals(coerced, operand) && (operand.Type, item.Type) is not (SqlType.Date, SqlType.Timestamp))
            {
                throw TypeError(
                    inExpr.Items[i].Start,
                    $"IN compares {SqlCast.TypeName(operand.Type)} with {SqlCast.TypeName(item.Type)}; cast the left side, e.g. CAST(x AS {SqlCast.TypeName(item.Type)})");
            }

            if (item is ConstantEvaluator { Value.IsNull: true })
            {
                hasNull = true;
            }
            else if (item is not ConstantEvaluator || item.Type != operand.Type)
            {
                allConstant = false;
            }

            items[i] = item;
        }

        Evaluator result;
        if (allConstant)
        {
            var set = new HashSet<SqlValue>();
            foreach (var item in items)
            {
                var value = ((ConstantEvaluator)item).Value;
                if (!value.IsNull)
                {
                    set.Add(value);
                }
            }

            result = new InSetEvaluator(operand, set, hasNull);
        }
        else
        {
            result = Fold(new InListEvaluator(operand, items), [operand, .. items]);
        }

        return inExpr.Negated ? Fold(new NotEvaluator(result), result) : result;
    }

    private Evaluator BindBetween(BetweenExpr between, Scope scope)
    {
        var operand = Bind(between.Operand, scope);
        var low = Bind(between.Low, scope);
        var high = Bind(between.High, scope);
        var lower = BindComparison(BinaryOperator.GreaterEqual, operand, low, between.Operand, between.Low, between.Low.Start);
        var upper = BindComparison(BinaryOperator.LessEqual, operand, high, between.Operand, between.High, between.High.Start);
        var result = Fold(new AndEvaluator(lower, upper), lower, upper);
        return between.Negated ? Fold(new NotEvaluator(result), result) : result;
    }

    private Evaluator BindLike(LikeExpr like, Scope scope)
    {
        var operand = Bind(like.Operand, scope);
        var pattern = Bind(like.Pattern, scope);
        if (operand.Type is not (SqlType.Varchar or SqlType.Null) || pattern.Type is not (SqlType.Varchar or SqlType.Null))
        {
            throw TypeError(
                like.Operand.End,
                $"{(like.CaseInsensitive ? "ILIKE" : "LIKE")} needs VARCHAR arguments, got {SqlCast.TypeName(operand.Type)} and {SqlCast.TypeName(pattern.Type)}");
        }

        var result = Fold(new LikeEvaluator(operand, pattern, like.CaseInsensitive), operand, pattern);
        return like.Negated ? Fold(new NotEvaluator(result), result) : result;
    }

    private Evaluator BindCast(CastExpr cast, Scope scope)
    {
        var operand = Bind(cast.Operand, scope);
        if (operand.Type == cast.Target)
        {
            return operand;
        }

        if (operand.Type == SqlType.Null)
        {
            return new ConstantEvaluator(SqlValue.Null, cast.Target);
        }

        if (!SqlCast.CanCast(operand.Type, cast.Target))
        {
            throw TypeError(cast.Start, $"cannot cast {SqlCast.TypeName(operand.Type)} to {SqlCast.TypeName(cast.Target)}");
        }

        return Fold(new CastEvaluator(operand, cast.Target, Location(cast.Start), cast.Start), operand);
    }

    /// <summary>Evaluates an operator over constants once, at bind time.</summary>
    internal static Evaluator Fold(Evaluator evaluator, params ReadOnlySpan<Evaluator> children)
    {
        foreach (var child in children)
        {
            if (!child.IsConstant)
            {
                return evaluator;
            }
        }

        if (children.Length == 0)
        {
            return evaluator;
        }

        return new ConstantEvaluator(evaluator.Evaluate([]), evaluator.Type);
    }

    private string Location(int position) => SourceLocation.Describe(_text, position);

    private QueryException TypeError(int position, string why) => Error("type error", position, why);

    private QueryException Error(string kind, int position, string why) =>
        new($"{kind} at {Location(position)}: {why}", position);
}
