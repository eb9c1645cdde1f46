using System.Globalization;
using System.Runtime.CompilerServices;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// A hand-written recursive-descent parser for the SQL subset. It throws only <see cref="QueryException"/> for
/// bad input, and limits nesting to <see cref="MaxDepth"/> levels.
/// </summary>
public sealed partial class SqlParser
{
    /// <summary>The deepest expression nesting the parser accepts.</summary>
    public const int MaxDepth = 200;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "AS", "AND", "OR", "NOT", "IN",
        "BETWEEN", "LIKE", "IS", "NULL", "TRUE", "FALSE", "CAST", "ASC", "DESC", "DISTINCT", "JOIN", "ON",
        "UNION", "CASE", "WHEN", "THEN", "ELSE", "END", "OFFSET", "ALL",
    };

    private readonly string _text;
    private readonly SqlLexer _lexer;
    private Token _current;
    private int _lastEnd;
    private int _depth;

    private SqlParser(string text)
    {
        _text = text;
        _lexer = new SqlLexer(text);
    }

    /// <summary>Parses one query.</summary>
    /// <exception cref="QueryException">The text is not a query of the subset; the message says where and why.</exception>
    public static SqlQuery Parse(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        try
        {
            var parser = new SqlParser(sql);
            parser._current = parser._lexer.Next(0);
            return parser.ParseQuery();
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new QueryException("syntax error: the query is nested too deeply", e);
        }
    }

    private SqlQuery ParseQuery()
    {
        if (!IsKeyword("SELECT"))
        {
            throw Expected("SELECT");
        }

        Advance();
        var distinct = AcceptKeyword("DISTINCT");
        if (!distinct && IsKeyword("ALL"))
        {
            Advance();
        }

        var items = new List<SelectItem>();
        do
        {
            items.Add(ParseSelectItem());
        }
        while (Accept(TokenKind.Comma));

        if (!IsKeyword("FROM"))
        {
            throw Expected("FROM");
        }

        Advance();
        var subquery = ParseSubquery();
        var (from, fromIsPath, fromPosition) = subquery is null ? ParseSource() : (SqlQuery.SubqueryName, false, subquery.Value.FromPosition);
        var fromAlias = ParseTableAlias();
        var joins = ParseJoins();

        SqlExpr? where = null;
        if (AcceptKeyword("WHERE"))
        {
            where = ParseExpression();
        }

        var groupBy = new List<SqlExpr>();
        if (AcceptKeyword("GROUP"))
        {
            ExpectKeyword("BY");
            do
            {
                groupBy.Add(ParseExpression());
            }
            while (Accept(TokenKind.Comma));
        }

        SqlExpr? having = null;
        if (AcceptKeyword("HAVING"))
        {
            having = ParseExpression();
        }

        var orderBy = new List<OrderByItem>();
        if (AcceptKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            do
            {
                orderBy.Add(ParseOrderByItem());
            }
            while (Accept(TokenKind.Comma));
        }

        long? limit = null;
        if (AcceptKeyword("LIMIT"))
        {
            if (_current.Kind != TokenKind.Integer)
            {
                throw Error(_current.Start, $"expected a non-negative whole number after LIMIT but found {Describe(_current)}");
            }

            if (!long.TryParse(_current.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw Error(_current.Start, $"LIMIT {SourceLocation.Quote(_current.Value)} is too large");
            }

            limit = n;
            Advance();
        }

        if (IsKeyword("OFFSET"))
        {
            throw Error(_current.Start, "OFFSET is not supported");
        }

        if (_subqueryDepth == 0)
        {
            Accept(TokenKind.Semicolon);
            if (_current.Kind != TokenKind.End)
            {
                throw Error(_current.Start, $"expected end of query but found {Describe(_current)}");
            }
        }

        return new SqlQuery(_text, items, from, fromIsPath, fromPosition, where, groupBy, having, orderBy, limit) { Distinct = distinct, FromAlias = fromAlias, Joins = joins, FromSubquery = subquery?.Query };
    }

    private SelectItem ParseSelectItem()
    {
        var start = _current.Start;
        if (_current.Kind == TokenKind.Star)
        {
            Advance();
            return new SelectItem(null, null, start, start + 1);
        }

        var expression = ParseExpression();
        var end = LastEnd;
        string? alias = null;
        if (AcceptKeyword("AS"))
        {
            if (!IsNameToken())
            {
                throw Error(_current.Start, $"expected an alias after AS but found {Describe(_current)}");
            }

            alias = _current.Value;
            Advance();
        }
        else if (IsNameToken())
        {
            alias = _current.Value;
            Advance();
        }

        return new SelectItem(expression, alias, start, end);
    }

    private OrderByItem ParseOrderByItem()
    {
        var expression = ParseExpression();
        var descending = false;
        if (AcceptKeyword("DESC"))
        {
            descending = true;
        }
        else
        {
            AcceptKeyword("ASC");
        }

        var nullsFirst = false;
        if (IsWord("NULLS"))
        {
            Advance();
            if (IsWord("FIRST"))
            {
                nullsFirst = true;
            }
            else if (!IsWord("LAST"))
            {
                throw Expected("FIRST or LAST after NULLS");
            }

            Advance();
        }

        return new OrderByItem(expression, descending, nullsFirst);
    }

    private (string Name, bool IsPath, int Position) ParseSource(string after = "FROM")
    {
        var start = _current.Start;
        switch (_current.Kind)
        {
            case TokenKind.String:
                var path = _current.Value;
                if (path.Length == 0)
                {
                    throw Error(start, "the path after FROM is empty");
                }

                Advance();
                return (path, true, start);
            case TokenKind.QuotedIdentifier:
                var quoted = _current.Value;
                Advance();
                return (quoted, false, start);
            case TokenKind.Identifier:
            case TokenKind.Integer:
            case TokenKind.Decimal:
                var end = start;
                while (end < _text.Length && IsDatasetChar(_text[end]) && !(_text[end] == '-' && end + 1 < _text.Length && _text[end + 1] == '-'))
                {
                    end++;
                }

                var name = _text[start..end];
                if (end == start || !char.IsLetterOrDigit(name[0]) && name[0] != '_' || Reserved.Contains(name))
                {
                    break;
                }

                _current = _lexer.Next(end);
                _lastEnd = end;
                return (name, false, start);
        }

        throw Error(start, $"expected a dataset name or a quoted path after {after} but found {Describe(_current)}");
    }

    private static bool IsDatasetChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';

    private SqlExpr ParseExpression() => ParseOr();

    private SqlExpr ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("OR"))
        {
            var position = _current.Start;
            Advance();
            var right = ParseAnd();
            left = Check(new BinaryExpr(BinaryOperator.Or, left, right, position));
        }

        return left;
    }

    private SqlExpr ParseAnd()
    {
        var left = ParseNot();
        while (IsKeyword("AND"))
        {
            var position = _current.Start;
            Advance();
            var right = ParseNot();
            left = Check(new BinaryExpr(BinaryOperator.And, left, right, position));
        }

        return left;
    }

    private SqlExpr ParseNot()
    {
        if (!IsKeyword("NOT"))
        {
            return ParsePredicate();
        }

        var start = _current.Start;
        Enter(start);
        Advance();
        var operand = ParseNot();
        _depth--;
        return Check(new UnaryExpr(UnaryOperator.Not, operand, start, operand.End));
    }

    private SqlExpr ParsePredicate()
    {
        var left = ParseConcat();
        while (true)
        {
            var op = _current.Kind switch
            {
                TokenKind.Equal => BinaryOperator.Equal,
                TokenKind.NotEqual => BinaryOperator.NotEqual,
                TokenKind.Less => BinaryOperator.Less,
                TokenKind.LessEqual => BinaryOperator.LessEqual,
                TokenKind.Greater => BinaryOperator.Greater,
                TokenKind.GreaterEqual => BinaryOperator.GreaterEqual,
                _ => (BinaryOperator?)null,
            };
            if (op is { } comparison)
            {
                var position = _current.Start;
                Advance();
                var right = ParseConcat();
                left = Check(new BinaryExpr(comparison, left, right, position));
                continue;
            }

            if (IsKeyword("IS"))
            {
                Advance();
                var isNot = AcceptKeyword("NOT");
                if (!IsKeyword("NULL"))
                {
                    throw Expected(isNot ? "NULL after IS NOT" : "NULL or NOT NULL after IS");
                }

                var end = _current.End;
                Advance();
                left = Check(new IsNullExpr(left, isNot, end));
                continue;
            }

            var negated = false;
            if (IsKeyword("NOT"))
            {
                var next = _lexer.Next(_current.End);
                if (!(IsKeyword(next, "IN") || IsKeyword(next, "BETWEEN") || IsKeyword(next, "LIKE") || IsKeyword(next, "ILIKE")))
                {
                    throw Error(next.Start, $"expected IN, BETWEEN, LIKE or ILIKE after NOT but found {Describe(next)}");
                }

                negated = true;
                Advance();
            }

            if (AcceptKeyword("IN"))
            {
                Expect(TokenKind.LeftParen, "'(' after IN");
                var items = new List<SqlExpr>();
                do
                {
                    items.Add(ParseExpression());
                }
                while (Accept(TokenKind.Comma));

                var end = _current.End;
                Expect(TokenKind.RightParen, "')' or ',' in the IN list");
                left = Check(new InExpr(left, items, negated, end));
            }
            else if (AcceptKeyword("BETWEEN"))
            {
                var low = ParseConcat();
                ExpectKeyword("AND");
                var high = ParseConcat();
                left = Check(new BetweenExpr(left, low, high, negated));
            }
            else if (IsKeyword("LIKE") || IsWord("ILIKE"))
            {
                var caseInsensitive = IsWord("ILIKE");
                Advance();
                var pattern = ParseConcat();
                left = Check(new LikeExpr(left, pattern, negated, caseInsensitive));
            }
            else
            {
                return left;
            }
        }
    }

    private SqlExpr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (_current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _current.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            var position = _current.Start;
            Advance();
            var right = ParseMultiplicative();
            left = Check(new BinaryExpr(op, left, right, position));
        }

        return left;
    }

    private SqlExpr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (_current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent or TokenKind.DoubleSlash)
        {
            var op = _current.Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                TokenKind.DoubleSlash => BinaryOperator.IntegerDivide,
                _ => BinaryOperator.Modulo,
            };
            var position = _current.Start;
            Advance();
            var right = ParseUnary();
            left = Check(new BinaryExpr(op, left, right, position));
        }

        return left;
    }

    private SqlExpr ParseUnary()
    {
        if (_current.Kind is not (TokenKind.Minus or TokenKind.Plus))
        {
            return ParsePostfix();
        }

        var start = _current.Start;
        var negate = _current.Kind == TokenKind.Minus;
        Enter(start);
        Advance();
        if (negate && _current.Kind == TokenKind.Integer && _current.Value.TrimStart('0') == "9223372036854775808")
        {
            var end = _current.End;
            Advance();
            _depth--;
            return new LiteralExpr(SqlValue.FromInt64(long.MinValue), start, end);
        }

        var operand = ParseUnary();
        _depth--;
        if (!negate)
        {
            return operand;
        }

        if (operand is LiteralExpr { Value.Type: SqlType.BigInt } integer)
        {
            return new LiteralExpr(SqlValue.FromInt64(-integer.Value.Int64), start, operand.End);
        }

        if (operand is LiteralExpr { Value.Type: SqlType.Double } real)
        {
            return new LiteralExpr(SqlValue.FromDouble(-real.Value.Float64), start, operand.End);
        }

        return Check(new UnaryExpr(UnaryOperator.Negate, operand, start, operand.End));
    }

    private SqlExpr ParsePostfix()
    {
        var expression = ParsePrimary();
        while (Accept(TokenKind.DoubleColon))
        {
            var type = ParseType();
            expression = Check(new CastExpr(expression, type, expression.Start, LastEnd));
        }

        return expression;
    }

    private SqlExpr ParsePrimary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                if (long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
                {
                    return new LiteralExpr(SqlValue.FromInt64(integer), token.Start, token.End);
                }

                return new LiteralExpr(SqlValue.FromDouble(ParseDouble(token)), token.Start, token.End);
            case TokenKind.Decimal:
                Advance();
                return new LiteralExpr(SqlValue.FromDouble(ParseDouble(token)), token.Start, token.End);
            case TokenKind.String:
                Advance();
                return new LiteralExpr(SqlValue.FromText(token.Value), token.Start, token.End);
            case TokenKind.QuotedIdentifier:
                Advance();
                return ParseColumnReference(token);
            case TokenKind.LeftParen:
                Enter(token.Start);
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                _depth--;
                return inner;
            case TokenKind.Identifier:
                return ParseIdentifierExpression(token);
        }

        throw Error(token.Start, $"expected an expression but found {Describe(token)}");
    }

    private SqlExpr ParseIdentifierExpression(Token token)
    {
        if (IsKeyword(token, "NULL"))
        {
            Advance();
            return new LiteralExpr(SqlValue.Null, token.Start, token.End);
        }

        if (IsKeyword(token, "TRUE") || IsKeyword(token, "FALSE"))
        {
            Advance();
            return new LiteralExpr(SqlValue.FromBool(IsKeyword(token, "TRUE")), token.Start, token.End);
        }

        if (IsKeyword(token, "CAST"))
        {
            Advance();
            Enter(token.Start);
            Expect(TokenKind.LeftParen, "'(' after CAST");
            var operand = ParseExpression();
            ExpectKeyword("AS");
            var type = ParseType();
            var end = _current.End;
            Expect(TokenKind.RightParen, "')'");
            _depth--;
            return Check(new CastExpr(operand, type, token.Start, end));
        }

        if (IsKeyword(token, "CASE"))
        {
            return ParseCase(token);
        }

        if (Reserved.Contains(token.Value))
        {
            throw Error(token.Start, $"expected an expression but found {Describe(token)}");
        }

        if (TryParseDateSyntax(token) is { } dated)
        {
            return dated;
        }

        if (TryParseKeywordCall(token) is { } call)
        {
            return call;
        }

        Advance();
        if (_current.Kind != TokenKind.LeftParen)
        {
            return ParseColumnReference(token);
        }

        Enter(token.Start);
        Advance();
        var name = token.Value.ToUpperInvariant();
        var arguments = new List<SqlExpr>();
        var star = false;
        var distinct = false;
        if (_current.Kind == TokenKind.Star)
        {
            star = true;
            Advance();
        }
        else if (_current.Kind != TokenKind.RightParen)
        {
            if (AcceptKeyword("DISTINCT"))
            {
                distinct = true;
            }
            else
            {
                AcceptKeyword("ALL");
            }

            do
            {
                arguments.Add(ParseExpression());
            }
            while (Accept(TokenKind.Comma) || AcceptSubstringKeyword(name, arguments));
        }

        var callEnd = _current.End;
        Expect(TokenKind.RightParen, arguments.Count > 0 ? "')' or ',' in the argument list" : "')'");
        _depth--;
        return Check(new FunctionExpr(name, arguments, star, distinct, token.Start, callEnd));
    }

    private SqlType ParseType()
    {
        var token = _current;
        if (token.Kind != TokenKind.Identifier)
        {
            throw Error(token.Start, $"expected a type name but found {Describe(token)}");
        }

        SqlType type = token.Value.ToUpperInvariant() switch
        {
            "BIGINT" or "INT" or "INTEGER" or "INT8" or "INT4" or "INT2" or "SMALLINT" or "TINYINT" or "LONG" or "HUGEINT" => SqlType.BigInt,
            "DOUBLE" or "FLOAT" or "REAL" or "FLOAT8" or "FLOAT4" or "DECIMAL" or "NUMERIC" => SqlType.Double,
            "VARCHAR" or "TEXT" or "STRING" or "CHAR" or "BPCHAR" => SqlType.Varchar,
            "BOOLEAN" or "BOOL" or "LOGICAL" => SqlType.Boolean,
            "TIMESTAMP" or "DATETIME" => SqlType.Timestamp,
            "DATE" => SqlType.Date,
            _ => throw Error(token.Start, $"unknown type {Describe(token)}; types are BIGINT, DOUBLE, VARCHAR, BOOLEAN, TIMESTAMP and DATE"),
        };
        Advance();
        if (type == SqlType.Double && IsWord("PRECISION"))
        {
            Advance();
        }

        if (Accept(TokenKind.LeftParen))
        {
            do
            {
                Expect(TokenKind.Integer, "a whole number in the type's parameters");
            }
            while (Accept(TokenKind.Comma));

            Expect(TokenKind.RightParen, "')' after the type's parameters");
        }

        return type;
    }

    private double ParseDouble(Token token)
    {
        if (!double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(token.Start, $"the number {SourceLocation.Quote(token.Value)} is out of range");
        }

        return value;
    }

    private int LastEnd => _lastEnd;

    private void Advance()
    {
        _lastEnd = _current.End;
        _current = _lexer.Next(_current.End);
    }

    private bool Accept(TokenKind kind)
    {
        if (_current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (!Accept(kind))
        {
            throw Expected(what);
        }
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!IsKeyword(keyword))
        {
            return false;
        }

        Advance();
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword))
        {
            throw Expected(keyword);
        }
    }

    private bool IsKeyword(string keyword) => IsKeyword(_current, keyword);

    private static bool IsKeyword(Token token, string keyword) =>
        token.Kind == TokenKind.Identifier && string.Equals(token.Value, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>A non-reserved word such as NULLS, FIRST or PRECISION.</summary>
    private bool IsWord(string word) => IsKeyword(_current, word);

    private bool IsNameToken() =>
        _current.Kind == TokenKind.QuotedIdentifier || (_current.Kind == TokenKind.Identifier && !Reserved.Contains(_current.Value));

    private void Enter(int position)
    {
        if (++_depth > MaxDepth)
        {
            throw Error(position, $"the expression is nested too deeply (more than {MaxDepth} levels)");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private T Check<T>(T expression)
        where T : SqlExpr
    {
        if (expression.Height > MaxDepth)
        {
            throw Error(expression.Start, $"the expression is nested too deeply (more than {MaxDepth} levels)");
        }

        return expression;
    }

    private string Describe(Token token)
    {
        if (token.Kind == TokenKind.End)
        {
            return "the end of the query";
        }

        return $"'{SourceLocation.Quote(_text[token.Start..token.End])}'";
    }

    private QueryException Expected(string what) =>
        Error(_current.Start, $"expected {what} but found {Describe(_current)}");

    private QueryException Error(int position, string why) =>
        new($"syntax error at {SourceLocation.Describe(_text, position)}: {why}", position);
}
