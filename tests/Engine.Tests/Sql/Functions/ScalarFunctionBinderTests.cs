using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;
using static OrleansProc.Engine.Tests.Sql.QueryRunner;

namespace OrleansProc.Engine.Tests.Sql.Functions;

public sealed class ScalarFunctionBinderTests
{
    private static readonly TableSchema Schema = MakeSchema(("a", SqlType.BigInt), ("b", SqlType.Double), ("s", SqlType.Varchar));

    private static readonly SqlValue[][] Rows =
    [
        [I(7), D(2.5), S("héllo, wörld 😀")],
        [N, N, N],
        [I(-3), D(-0.5), S(string.Empty)],
    ];

    [Theory]
    [InlineData("SELECT FOO(a) FROM t", "binder error at line 1, column 8: unknown function 'FOO'; functions are LOWER")]
    [InlineData("SELECT SUBSTR(s) FROM t", "binder error at line 1, column 8: SUBSTR takes 2 to 3 arguments, got 1")]
    [InlineData("SELECT COALESCE() FROM t", "binder error at line 1, column 8: COALESCE takes at least 1 argument")]
    [InlineData("SELECT ABS(a, b) FROM t", "binder error at line 1, column 8: ABS takes 1 argument, got 2")]
    [InlineData("SELECT ABS(DISTINCT a) FROM t", "binder error at line 1, column 8: ABS(DISTINCT ...) is not allowed")]
    [InlineData("SELECT ROUND(s) FROM t", "type error at line 1, column 14: ROUND needs a number as argument 1, got VARCHAR")]
    [InlineData("SELECT LEFT(s, 1.5) FROM t", "type error at line 1, column 16: LEFT needs a BIGINT as argument 2, got DOUBLE")]
    [InlineData("SELECT SUBSTR(a, 1) FROM t", "type error at line 1, column 15: SUBSTR needs a VARCHAR as argument 1, got BIGINT")]
    [InlineData("SELECT SUBSTR(s, 'x') FROM t", "conversion error at line 1, column 18: could not convert 'x' to BIGINT")]
    [InlineData("SELECT CASE WHEN a > 1 THEN s ELSE a END FROM t", "type error at line 1, column 36: CASE cannot mix VARCHAR and BIGINT; add a CAST")]
    [InlineData("SELECT CASE WHEN a THEN 1 END FROM t", "type error at line 1, column 18: CASE WHEN needs a BOOLEAN condition, got BIGINT")]
    [InlineData("SELECT CASE s WHEN 1 THEN 1 END FROM t", "cannot compare VARCHAR and BIGINT")]
    [InlineData("SELECT COALESCE(a, 'x') FROM t", "conversion error at line 1, column 20: could not convert 'x' to BIGINT")]
    [InlineData("SELECT REGEXP_MATCHES(s, '(') FROM t", "invalid regular expression at line 1, column 8: '('")]
    [InlineData("SELECT REGEXP_MATCHES(s, '(a)\\1') FROM t", "invalid regular expression at line 1, column 8")]
    [InlineData("SELECT REGEXP_EXTRACT(s, 'a', 10) FROM t", "binder error at line 1, column 31: REGEXP_EXTRACT needs a constant group from 0 to 9")]
    [InlineData("SELECT REGEXP_EXTRACT(s, 'a', a) FROM t", "binder error at line 1, column 31: REGEXP_EXTRACT needs a constant group from 0 to 9")]
    [InlineData("SELECT SQRT(-1) FROM t", "out of range at line 1, column 8: cannot take the square root of a negative number")]
    [InlineData("SELECT LN(0) FROM t", "out of range at line 1, column 8: cannot take the logarithm of zero")]
    [InlineData("SELECT COUNT(*) FROM t WHERE s ILIKE 1", "type error at line 1, column 31: ILIKE needs VARCHAR arguments, got VARCHAR and BIGINT")]
    [InlineData("SELECT a\n  FROM t\n WHERE LOG10(a - 7) > 1", "out of range at line 3, column 8: cannot take the logarithm of zero")]
    [InlineData("SELECT s || 1 FROM t WHERE UPPER(s) // 2 = 1", "operator // needs numeric arguments, got VARCHAR and BIGINT")]
    [InlineData("SELECT ABS(a - 9223372036854775807 - 1) FROM t WHERE a < 0", "out of range")]
    public void Bind_BadCall_ThrowsQueryExceptionWithLineAndColumn(string sql, string message)
    {
        var e = Assert.Throws<QueryException>(() => Run(sql, Schema, Rows));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT CASE a END FROM t", "syntax error at line 1, column 15: expected WHEN but found 'END'")]
    [InlineData("SELECT CASE WHEN a > 1 THEN 1 FROM t", "syntax error at line 1, column 31: expected WHEN, ELSE or END but found 'FROM'")]
    [InlineData("SELECT CASE WHEN a > 1 THEN 1 ELSE 2 WHEN a > 2 THEN 3 END FROM t", "expected END but found 'WHEN'")]
    [InlineData("SELECT CASE WHEN a > 1 1 END FROM t", "expected THEN but found '1'")]
    [InlineData("SELECT s | s FROM t", "syntax error at line 1, column 10: unexpected character '|'")]
    [InlineData("SELECT a FROM t WHERE s NOT ILIKE", "expected an expression but found the end of the query")]
    public void Parse_BadScalarSyntax_ThrowsSyntaxError(string sql, string message)
    {
        var e = Assert.Throws<QueryException>(() => SqlParser.Parse(sql));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ConstantArguments_FoldsToConstants()
    {
        var query = SqlParser.Parse(
            "SELECT CONCAT('a', UPPER('b')), CASE WHEN 1 > 2 THEN 1 ELSE 2.5 END, ROUND(2.5), 'a' || 'b', COALESCE(NULL, 3), "
            + "REGEXP_MATCHES('abc', 'b'), SUBSTR('hello', 2, 2), NULLIF(1, 1), 7 // 2, SPLIT_PART('a,b', ',', 2), 'A' ILIKE 'a' FROM t");

        var bound = SqlBinder.Bind(query, Schema);

        Assert.All(bound.Outputs, e => Assert.IsType<ConstantEvaluator>(e));
        Assert.Equal(
            ["aB", "2.5", "3", "ab", "3", "true", "el", null, "3", "b", "true"],
            bound.Outputs.Select(e => e.Evaluate([]).ToInvariantString()));
    }

    [Fact]
    public void Bind_ColumnArguments_DoesNotFold()
    {
        var bound = SqlBinder.Bind(SqlParser.Parse("SELECT CONCAT('a', s), CASE WHEN a > 2 THEN 1 END, ROUND(b, 1), s || 'x' FROM t"), Schema);

        Assert.All(bound.Outputs, e => Assert.False(e.IsConstant));
    }

    [Fact]
    public void Evaluate_CaseOverRows_FirstTrueBranchElseNull()
    {
        var result = Run("SELECT CASE WHEN a > 5 THEN 'big' WHEN a < 0 THEN 'negative' END, CASE a WHEN 7 THEN b END FROM t", Schema, Rows);

        Assert.Equal([S("big"), D(2.5)], result.Rows[0]);
        Assert.Equal([N, N], result.Rows[1]);
        Assert.Equal([S("negative"), N], result.Rows[2]);
    }

    [Fact]
    public void Evaluate_RegexAgainstColumnPattern_CompilesPerPattern()
    {
        var schema = MakeSchema(("s", SqlType.Varchar), ("p", SqlType.Varchar));

        var result = Run("SELECT REGEXP_MATCHES(s, p), REGEXP_EXTRACT(s, p) FROM t", schema, [[S("abc1"), S("[0-9]")], [S("abc"), S("^b")], [S("x"), N]]);

        Assert.Equal([B(true), S("1")], result.Rows[0]);
        Assert.Equal([B(false), S(string.Empty)], result.Rows[1]);
        Assert.Equal([N, N], result.Rows[2]);
    }

    [Fact]
    public void Evaluate_SubstringOffsetPastDuckDbLimit_ThrowsOutOfRange()
    {
        var e = Assert.Throws<QueryException>(() => Scalar("SUBSTR(s, a * 1000000000000)", Schema, Rows[0]));

        Assert.Contains("out of range at line 1, column 8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RandomScalarTokenSoups_OnlyQueryExceptionOrSuccess()
    {
        string[] tokens =
        [
            "CASE", "WHEN", "THEN", "ELSE", "END", "||", "//", "%", "ILIKE", "NOT", "LIKE", "FROM", "FOR", "(", ")", ",", "a", "b", "s",
            "1", "-1", "0", "2.5", "NULL", "'x'", "'(['", "'é😀'", "''", "=", ">", "+", "-", "*", "AND", "OR", "IS", "TRUE",
            "COALESCE(", "NULLIF(", "IFNULL(", "CONCAT(", "SUBSTR(", "SUBSTRING(", "TRIM(", "LTRIM(", "RTRIM(", "REPLACE(",
            "STARTS_WITH(", "CONTAINS(", "STRPOS(", "LEFT(", "RIGHT(", "REGEXP_MATCHES(", "REGEXP_EXTRACT(", "SPLIT_PART(",
            "ROUND(", "ABS(", "FLOOR(", "CEIL(", "POWER(", "SQRT(", "LN(", "LOG10(", "9223372036854775807", "-9223372036854775808",
        ];
        var random = new Random(20261206);
        for (var i = 0; i < 3_000; i++)
        {
            var sb = new StringBuilder("SELECT ");
            var count = random.Next(1, 25);
            for (var j = 0; j < count; j++)
            {
                sb.Append(tokens[random.Next(tokens.Length)]).Append(' ');
            }

            sb.Append(random.Next(2) == 0 ? "FROM t" : "FROM t WHERE s ILIKE '%l%' OR a // 2 = 3");
            var sql = sb.ToString();
            try
            {
                Run(sql, Schema, Rows);
            }
            catch (QueryException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
            }
            catch (Exception e)
            {
                Assert.Fail($"query {sql} threw {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
