using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql;

/// <summary>The calls with keyword syntax inside the parentheses: <c>POSITION(x IN y)</c> and <c>TRIM(BOTH 'c' FROM x)</c>.</summary>
public sealed partial class SqlParser
{
    /// <summary>
    /// <c>POSITION(needle IN haystack)</c> (a call of POSITION with the needle first: STRPOS with its arguments swapped) and
    /// <c>TRIM([BOTH | LEADING | TRAILING] [characters] FROM x)</c> (parsed as <c>TRIM</c>, <c>LTRIM</c> or <c>RTRIM</c> of
    /// <c>x</c> and the characters), and TRIM's plain form <c>TRIM(x[, characters])</c>; null when <paramref name="token"/>
    /// starts neither.
    /// </summary>
    private FunctionExpr? TryParseKeywordCall(Token token)
    {
        if (_lexer.Next(token.End).Kind != TokenKind.LeftParen)
        {
            return null;
        }

        if (IsKeyword(token, "POSITION"))
        {
            return ParsePosition(token);
        }

        if (IsKeyword(token, "TRIM"))
        {
            return ParseTrim(token);
        }

        return null;
    }

    private FunctionExpr ParsePosition(Token token)
    {
        Advance();
        Enter(token.Start);
        Advance();
        var needle = ParseConcat();
        if (!IsKeyword("IN"))
        {
            throw Expected("IN in POSITION(x IN y)");
        }

        Advance();
        var haystack = ParseConcat();
        var end = _current.End;
        Expect(TokenKind.RightParen, "')' after POSITION(x IN y");
        _depth--;
        return Check(new FunctionExpr("POSITION", [needle, haystack], star: false, distinct: false, token.Start, end));
    }

    private bool IsTrimSide(Token token)
    {
        if (!(IsKeyword(token, "BOTH") || IsKeyword(token, "LEADING") || IsKeyword(token, "TRAILING")))
        {
            return false;
        }

        // A column named so: TRIM(leading) or TRIM(both, 'x').
        var next = _lexer.Next(token.End);
        return next.Kind is not (TokenKind.RightParen or TokenKind.Comma or TokenKind.Concat or TokenKind.Dot);
    }

    private FunctionExpr ParseTrim(Token token)
    {
        Advance();
        Enter(token.Start);
        Advance();
        var name = "TRIM";
        var side = IsTrimSide(_current);
        if (side)
        {
            name = _current.Value.ToUpperInvariant() switch
            {
                "LEADING" => "LTRIM",
                "TRAILING" => "RTRIM",
                _ => "TRIM",
            };
            Advance();
        }

        SqlExpr? first = null;
        if (!IsKeyword("FROM"))
        {
            first = side ? ParseConcat() : ParseExpression();
        }

        List<SqlExpr> arguments;
        if (IsKeyword("FROM"))
        {
            Advance();
            var operand = ParseConcat();
            arguments = first is null ? [operand] : [operand, first];
        }
        else if (side || first is null)
        {
            throw Expected("FROM in TRIM(... FROM x)");
        }
        else
        {
            // The plain form: TRIM(x[, characters]).
            arguments = [first];
            while (Accept(TokenKind.Comma))
            {
                arguments.Add(ParseExpression());
            }
        }

        var end = _current.End;
        Expect(TokenKind.RightParen, arguments.Count > 1 || first is null || side ? "')'" : "')', ',' or FROM in the TRIM call");
        _depth--;
        return Check(new FunctionExpr(name, arguments, star: false, distinct: false, token.Start, end));
    }
}
