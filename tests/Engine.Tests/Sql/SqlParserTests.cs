using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Tests.Sql;

public sealed class SqlParserTests
{
    [Fact]
    public void Parse_FullQuery_AllClausesPresent()
    {
        var q = SqlParser.Parse(
            "select country AS c, count(*) n, SUM(amount) FROM sales WHERE amount > 10 GROUP BY country HAVING count(*) > 1 ORDER BY 2 DESC, c LIMIT 5;");

        Assert.Equal(3, q.Items.Count);
        Assert.Equal("c", q.Items[0].Alias);
        Assert.Equal("n", q.Items[1].Alias);
        Assert.Null(q.Items[2].Alias);
        Assert.Equal("sales", q.From);
        Assert.False(q.FromIsPath);
        Assert.NotNull(q.Where);
        Assert.Single(q.GroupBy);
        Assert.NotNull(q.Having);
        Assert.Equal(2, q.OrderBy.Count);
        Assert.True(q.OrderBy[0].Descending);
        Assert.False(q.OrderBy[1].Descending);
        Assert.Equal(5, q.Limit);
    }

    [Theory]
    [InlineData("SELECT * FROM sales-2024.v1", "sales-2024.v1", false)]
    [InlineData("SELECT * FROM \"my data\"", "my data", false)]
    [InlineData("SELECT * FROM 'data/*.csv'", "data/*.csv", true)]
    [InlineData("SELECT * FROM 'it''s.csv' LIMIT 1", "it's.csv", true)]
    [InlineData("SELECT * FROM t--comment\n", "t", false)]
    public void Parse_FromSource_NameAndKind(string sql, string from, bool isPath)
    {
        var q = SqlParser.Parse(sql);

        Assert.Equal(from, q.From);
        Assert.Equal(isPath, q.FromIsPath);
        Assert.Equal(sql.IndexOf("FROM", StringComparison.Ordinal) + 5, q.FromPosition);
    }

    [Fact]
    public void Parse_Star_IsStarItem()
    {
        var q = SqlParser.Parse("SELECT * FROM t");

        Assert.True(Assert.Single(q.Items).IsStar);
    }

    [Fact]
    public void Parse_Precedence_MultiplicationBindsTighterThanAddition()
    {
        var q = SqlParser.Parse("SELECT 1 + 2 * 3 FROM t");

        var add = Assert.IsType<BinaryExpr>(q.Items[0].Expression);
        Assert.Equal(BinaryOperator.Add, add.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpr>(add.Right).Operator);
    }

    [Fact]
    public void Parse_Precedence_AndBindsTighterThanOrAndNotTighterThanAnd()
    {
        var q = SqlParser.Parse("SELECT a FROM t WHERE NOT a = 1 AND b OR c");

        var or = Assert.IsType<BinaryExpr>(q.Where);
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var and = Assert.IsType<BinaryExpr>(or.Left);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var not = Assert.IsType<UnaryExpr>(and.Left);
        Assert.Equal(UnaryOperator.Not, not.Operator);
        Assert.IsType<BinaryExpr>(not.Operand);
    }

    [Fact]
    public void Parse_Predicates_AllForms()
    {
        var q = SqlParser.Parse(
            "SELECT a FROM t WHERE a NOT IN (1, 2) AND b BETWEEN 1 AND 2 AND c NOT LIKE 'x%' AND d IS NOT NULL AND e NOT BETWEEN 3 AND 4 AND f IS NULL");

        var text = q.Where!.Key;
        Assert.Contains("notin", text, StringComparison.Ordinal);
        Assert.Contains("between", text, StringComparison.Ordinal);
        Assert.Contains("notlike", text, StringComparison.Ordinal);
        Assert.Contains("isnotnull", text, StringComparison.Ordinal);
        Assert.Contains("notbetween", text, StringComparison.Ordinal);
        Assert.Contains("isnull(", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CAST(a AS BIGINT)", SqlType.BigInt)]
    [InlineData("CAST(a AS int)", SqlType.BigInt)]
    [InlineData("cast(a as Integer)", SqlType.BigInt)]
    [InlineData("CAST(a AS FLOAT)", SqlType.Double)]
    [InlineData("CAST(a AS REAL)", SqlType.Double)]
    [InlineData("CAST(a AS TEXT)", SqlType.Varchar)]
    [InlineData("CAST(a AS VARCHAR(10))", SqlType.Varchar)]
    [InlineData("CAST(a AS STRING)", SqlType.Varchar)]
    [InlineData("CAST(a AS BOOL)", SqlType.Boolean)]
    [InlineData("CAST(a AS TIMESTAMP)", SqlType.Timestamp)]
    [InlineData("a::double", SqlType.Double)]
    public void Parse_Cast_Target(string expression, SqlType target)
    {
        var q = SqlParser.Parse($"SELECT {expression} FROM t");

        Assert.Equal(target, Assert.IsType<CastExpr>(q.Items[0].Expression).Target);
    }

    [Fact]
    public void Parse_Literals_Types()
    {
        var q = SqlParser.Parse("SELECT 42, 1.5, 1e3, .5, 'it''s', TRUE, false, NULL, -7, -9223372036854775808 FROM t");

        var values = q.Items.Select(i => Assert.IsType<LiteralExpr>(i.Expression).Value).ToArray();
        Assert.Equal(QueryRunner.I(42), values[0]);
        Assert.Equal(QueryRunner.D(1.5), values[1]);
        Assert.Equal(QueryRunner.D(1000), values[2]);
        Assert.Equal(QueryRunner.D(0.5), values[3]);
        Assert.Equal(QueryRunner.S("it's"), values[4]);
        Assert.Equal(QueryRunner.B(true), values[5]);
        Assert.Equal(QueryRunner.B(false), values[6]);
        Assert.True(values[7].IsNull);
        Assert.Equal(QueryRunner.I(-7), values[8]);
        Assert.Equal(QueryRunner.I(long.MinValue), values[9]);
    }

    [Fact]
    public void Parse_Aggregates_StarAndDistinct()
    {
        var q = SqlParser.Parse("SELECT COUNT(*), count(DISTINCT a), Sum(b) FROM t");

        var count = Assert.IsType<FunctionExpr>(q.Items[0].Expression);
        Assert.True(count.Star);
        var distinct = Assert.IsType<FunctionExpr>(q.Items[1].Expression);
        Assert.True(distinct.Distinct);
        Assert.Equal("COUNT", distinct.Name);
        Assert.Equal("SUM", Assert.IsType<FunctionExpr>(q.Items[2].Expression).Name);
    }

    [Fact]
    public void Parse_QuotedColumnAndComments_Accepted()
    {
        var q = SqlParser.Parse("/* hello */ SELECT \"Order Id\" -- trailing\n FROM t");

        Assert.Equal("Order Id", Assert.IsType<ColumnExpr>(q.Items[0].Expression).Name);
    }

    [Fact]
    public void Parse_OrderByNulls_FirstAndLast()
    {
        var q = SqlParser.Parse("SELECT a FROM t ORDER BY a DESC NULLS FIRST, b NULLS LAST");

        Assert.True(q.OrderBy[0].NullsFirst);
        Assert.False(q.OrderBy[1].NullsFirst);
    }

    [Theory]
    [InlineData("SELEC a FROM t", 0, "syntax error at line 1, column 1: expected SELECT but found 'SELEC'")]
    [InlineData("SELECT a FROM", 13, "syntax error at line 1, column 14: expected a dataset name or a quoted path after FROM but found the end of the query")]
    [InlineData("SELECT a b c FROM t", 11, "expected FROM but found 'c'")]
    [InlineData("SELECT a FROM t WHERE", 21, "expected an expression but found the end of the query")]
    [InlineData("SELECT a FROM t WHERE a = 'abc", 26, "unterminated string literal")]
    [InlineData("SELECT a FROM t\nWHERE a # 1", 24, "line 2, column 9: unexpected character '#'")]
    [InlineData("SELECT (a FROM t", 10, "expected ')' but found 'FROM'")]
    [InlineData("SELECT a FROM t LIMIT x", 22, "expected a non-negative whole number after LIMIT but found 'x'")]
    [InlineData("SELECT a FROM t LIMIT -1", 22, "expected a non-negative whole number after LIMIT")]
    [InlineData("SELECT a FROM t GROUP a", 22, "expected BY but found 'a'")]
    [InlineData("SELECT a FROM t t2 t3", 19, "expected end of query but found 't3'")]
    [InlineData("SELECT CAST(a AS blob) FROM t", 17, "unknown type 'blob'")]
    [InlineData("SELECT a IS 1 FROM t", 12, "expected NULL or NOT NULL after IS but found '1'")]
    [InlineData("SELECT a NOT 1 FROM t", 13, "expected IN, BETWEEN, LIKE or ILIKE after NOT but found '1'")]
    [InlineData("SELECT 1e FROM t", 7, "malformed number")]
    [InlineData("SELECT a FROM t /* open", 16, "unterminated comment")]
    [InlineData("SELECT \"\" FROM t", 7, "empty quoted identifier")]
    [InlineData("", 0, "expected SELECT but found the end of the query")]
    public void Parse_Invalid_ThrowsWithPositionAndReason(string sql, int position, string message)
    {
        var e = Assert.Throws<QueryException>(() => SqlParser.Parse(sql));

        Assert.Equal(position, e.Position);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepParentheses_ThrowsNestingError()
    {
        var sql = "SELECT " + new string('(', 500) + "1" + new string(')', 500) + " FROM t";

        var e = Assert.Throws<QueryException>(() => SqlParser.Parse(sql));

        Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongFlatChain_ThrowsNestingError()
    {
        var sql = "SELECT " + string.Join(" + ", Enumerable.Repeat("1", 5000)) + " FROM t";

        var e = Assert.Throws<QueryException>(() => SqlParser.Parse(sql));

        Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingWithinLimit_Succeeds()
    {
        var sql = "SELECT " + new string('(', 150) + "1" + new string(')', 150) + " FROM t";

        var q = SqlParser.Parse(sql);

        Assert.IsType<LiteralExpr>(q.Items[0].Expression);
    }
}
