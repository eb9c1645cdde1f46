using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Functions;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>The date syntax: <c>DATE '...'</c>, <c>TIMESTAMP '...'</c>, <c>EXTRACT(part FROM x)</c> and <c>INTERVAL ...</c>.</summary>
public sealed partial class SqlParser
{
    private static readonly HashSet<string> IntervalUnitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "YEAR", "YEARS", "QUARTER", "QUARTERS", "MONTH", "MONTHS", "WEEK", "WEEKS", "DAY", "DAYS", "HOUR", "HOURS",
        "MINUTE", "MINUTES", "SECOND", "SECONDS", "MILLISECOND", "MILLISECONDS", "MICROSECOND", "MICROSECONDS",
        "DECADE", "DECADES", "CENTURY", "CENTURIES", "MILLENNIUM", "MILLENNIUMS", "MILLENNIA",
    };

    /// <summary>The date syntax that starts with <paramref name="token"/> (the current token), or null for none.</summary>
    private SqlExpr? TryParseDateSyntax(Token token)
    {
        var next = _lexer.Next(token.End);
        if ((IsKeyword(token, "DATE") || IsKeyword(token, "TIMESTAMP")) && next.Kind == TokenKind.String)
        {
            Advance();
            Advance();
            var type = IsKeyword(token, "DATE") ? SqlType.Date : SqlType.Timestamp;
            var literal = new LiteralExpr(SqlValue.FromText(next.Value), next.Start, next.End);
            return new CastExpr(literal, type, token.Start, next.End);
        }

        if (IsKeyword(token, "EXTRACT") && next.Kind == TokenKind.LeftParen)
        {
            return ParseExtract(token);
        }

        if (IsKeyword(token, "INTERVAL") && next.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Minus)
        {
            return ParseInterval(token);
        }

        return null;
    }

    /// <summary><c>EXTRACT(part FROM x)</c>, the same as <c>DATE_PART('part', x)</c>.</summary>
    private FunctionExpr ParseExtract(Token token)
    {
        Advance();
        Enter(token.Start);
        Expect(TokenKind.LeftParen, "'(' after EXTRACT");
        var part = _current;
        if (part.Kind is not (TokenKind.Identifier or TokenKind.String or TokenKind.QuotedIdentifier) || !DateParts.TryParse(part.Value, out _))
        {
            throw Error(part.Start, $"expected a date part such as YEAR, MONTH or DAY after EXTRACT( but found {Describe(part)}");
        }

        Advance();
        ExpectKeyword("FROM");
        var operand = ParseExpression();
        var end = _current.End;
        Expect(TokenKind.RightParen, "')'");
        _depth--;
        var partLiteral = new LiteralExpr(SqlValue.FromText(part.Value.ToLowerInvariant()), part.Start, part.End);
        return Check(new FunctionExpr("DATE_PART", [partLiteral, operand], star: false, distinct: false, token.Start, end));
    }

    /// <summary><c>INTERVAL '1 month 2 days'</c>, <c>INTERVAL '3' HOUR</c>, <c>INTERVAL 3 HOURS</c>, <c>INTERVAL -3 HOURS</c>.</summary>
    private IntervalExpr ParseInterval(Token token)
    {
        Advance();
        var valueToken = _current;
        string text;
        if (valueToken.Kind == TokenKind.Minus)
        {
            Advance();
            if (_current.Kind != TokenKind.Integer)
            {
                throw Expected("a whole number after INTERVAL -");
            }

            text = "-" + _current.Value;
        }
        else
        {
            text = valueToken.Value;
        }

        Advance();
        string? unit = null;
        if (_current.Kind == TokenKind.Identifier && IntervalUnitWords.Contains(_current.Value))
        {
            unit = _current.Value;
            Advance();
        }
        else if (valueToken.Kind != TokenKind.String)
        {
            throw Expected("a unit such as DAY, MONTH or HOURS after the INTERVAL's number");
        }

        if (!IntervalParser.TryParse(text, unit, out var interval, out var why))
        {
            throw Error(valueToken.Start, why);
        }

        return new IntervalExpr(interval, token.Start, LastEnd);
    }
}
