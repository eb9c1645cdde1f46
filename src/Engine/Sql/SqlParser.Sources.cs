using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql;

/// <summary>The FROM clause's table aliases and joins, and qualified column names.</summary>
public sealed partial class SqlParser
{
    /// <summary>Words that end a table source rather than alias it.</summary>
    private static readonly HashSet<string> JoinWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "USING",
    };

    private int _subqueryDepth;

    /// <summary><c>(SELECT ...)</c> after FROM, or null when FROM names a dataset or path; its position is the '('.</summary>
    private (SqlQuery Query, int FromPosition)? ParseSubquery()
    {
        if (_current.Kind != TokenKind.LeftParen)
        {
            return null;
        }

        var start = _current.Start;
        Enter(start);
        Advance();
        _subqueryDepth++;
        var query = ParseQuery();
        _subqueryDepth--;
        Expect(TokenKind.RightParen, "')' after the subquery");
        _depth--;
        return (query, start);
    }

    /// <summary><c>AS alias</c> or a bare alias after a table source; null when there is none.</summary>
    private string? ParseTableAlias()
    {
        if (AcceptKeyword("AS"))
        {
            if (!IsNameToken())
            {
                throw Error(_current.Start, $"expected a table alias after AS but found {Describe(_current)}");
            }
        }
        else if (!IsNameToken() || (_current.Kind == TokenKind.Identifier && JoinWords.Contains(_current.Value)))
        {
            return null;
        }

        var alias = _current.Value;
        Advance();
        return alias;
    }

    private List<JoinClause> ParseJoins()
    {
        var joins = new List<JoinClause>();
        while (true)
        {
            var start = _current.Start;
            JoinKind kind;
            if (AcceptKeyword("JOIN"))
            {
                kind = JoinKind.Inner;
            }
            else if (IsWord("INNER"))
            {
                Advance();
                ExpectKeyword("JOIN");
                kind = JoinKind.Inner;
            }
            else if (IsWord("LEFT"))
            {
                Advance();
                if (IsWord("OUTER"))
                {
                    Advance();
                }

                ExpectKeyword("JOIN");
                kind = JoinKind.Left;
            }
            else if (IsWord("RIGHT") || IsWord("FULL") || IsWord("CROSS") || IsWord("NATURAL"))
            {
                throw Error(start, $"{_current.Value.ToUpperInvariant()} JOIN is not supported; joins are [INNER] JOIN and LEFT [OUTER] JOIN with ON");
            }
            else if (_current.Kind == TokenKind.Comma)
            {
                throw Error(start, "a comma between tables (a cross join) is not supported; use JOIN ... ON");
            }
            else
            {
                return joins;
            }

            var (source, isPath, position) = ParseSource("JOIN");
            var alias = ParseTableAlias();
            if (IsWord("USING"))
            {
                throw Error(_current.Start, "JOIN ... USING is not supported; use ON");
            }

            if (!AcceptKeyword("ON"))
            {
                throw Expected("ON after the joined table");
            }

            var on = ParseExpression();
            joins.Add(new JoinClause(kind, source, isPath, position, alias, on, start));
        }
    }

    /// <summary>A column name just read (<paramref name="token"/>), with the dotted parts after it: <c>f.origin</c>, <c>"f"."col"</c>, <c>a.b.c</c>.</summary>
    private ColumnExpr ParseColumnReference(Token token)
    {
        var quoted = token.Kind == TokenKind.QuotedIdentifier;
        if (_current.Kind != TokenKind.Dot)
        {
            return new ColumnExpr(token.Value, quoted, token.Start, token.End);
        }

        var parts = new List<string>();
        var end = token.End;
        while (Accept(TokenKind.Dot))
        {
            if (_current.Kind == TokenKind.Star)
            {
                throw Error(_current.Start, "a qualified * (t.*) is not supported; use * or name the columns");
            }

            if (_current.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier))
            {
                throw Expected("a column name after '.'");
            }

            parts.Add(_current.Value);
            end = _current.End;
            Advance();
        }

        return new ColumnExpr(token.Value, string.Join('.', parts), quoted: true, token.Start, end);
    }
}
