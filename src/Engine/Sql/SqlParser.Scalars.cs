using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>The scalar-expression syntax: <c>||</c>, <c>-&gt;</c>, <c>-&gt;&gt;</c>, <c>CASE</c> and <c>SUBSTRING(x FROM a FOR b)</c>.</summary>
public sealed partial class SqlParser
{
    /// <summary>The name of the call that <c>json -&gt; path</c> parses into (bound as JSON_EXTRACT).</summary>
    public const string JsonArrowName = "->";

    /// <summary>The name of the call that <c>json -&gt;&gt; path</c> parses into (bound as JSON_EXTRACT_STRING).</summary>
    public const string JsonLongArrowName = "->>";

    /// <summary>
    /// <c>a || b</c>, <c>json -&gt; path</c> and <c>json -&gt;&gt; path</c> (calls of <see cref="JsonArrowName"/> and
    /// <see cref="JsonLongArrowName"/>): one level, left to right, looser than <c>+ -</c> and tighter than comparisons
    /// and LIKE, as in DuckDB.
    /// </summary>
    private SqlExpr ParseConcat()
    {
        var left = ParseAdditive();
        while (_current.Kind is TokenKind.Concat or TokenKind.Arrow or TokenKind.LongArrow)
        {
            var kind = _current.Kind;
            var position = _current.Start;
            Advance();
            var right = ParseAdditive();
            left = kind == TokenKind.Concat
                ? Check(new BinaryExpr(BinaryOperator.Concat, left, right, position))
                : Check(new FunctionExpr(kind == TokenKind.Arrow ? JsonArrowName : JsonLongArrowName, [left, right], star: false, distinct: false, left.Start, right.End));
        }

        return left;
    }

    /// <summary><c>CASE [operand] WHEN ... THEN ... [WHEN ... THEN ...] [ELSE ...] END</c>; the current token is CASE.</summary>
    private CaseExpr ParseCase(Token token)
    {
        Enter(token.Start);
        Advance();
        SqlExpr? operand = null;
        if (!IsKeyword("WHEN"))
        {
            operand = ParseExpression();
        }

        var whens = new List<SqlExpr>();
        var thens = new List<SqlExpr>();
        while (AcceptKeyword("WHEN"))
        {
            whens.Add(ParseExpression());
            ExpectKeyword("THEN");
            thens.Add(ParseExpression());
        }

        if (whens.Count == 0)
        {
            throw Expected("WHEN");
        }

        SqlExpr? otherwise = null;
        if (AcceptKeyword("ELSE"))
        {
            otherwise = ParseExpression();
        }

        var end = _current.End;
        if (!IsKeyword("END"))
        {
            throw Expected(otherwise is null ? "WHEN, ELSE or END" : "END");
        }

        Advance();
        _depth--;
        return Check(new CaseExpr(operand, whens, thens, otherwise, token.Start, end));
    }

    /// <summary>
    /// <c>SUBSTRING(x FROM a [FOR b])</c> and <c>SUBSTRING(x FOR b)</c>: accepts FROM or FOR after an argument as the
    /// separator the standard syntax uses (FOR right after x means FROM 1).
    /// </summary>
    private bool AcceptSubstringKeyword(string name, List<SqlExpr> arguments)
    {
        if (name != "SUBSTRING")
        {
            return false;
        }

        if (arguments.Count == 1 && AcceptKeyword("FROM"))
        {
            return true;
        }

        if (arguments.Count is 1 or 2 && IsWord("FOR"))
        {
            if (arguments.Count == 1)
            {
                arguments.Add(new LiteralExpr(SqlValue.FromInt64(1), _current.Start, _current.Start));
            }

            Advance();
            return true;
        }

        return false;
    }
}
