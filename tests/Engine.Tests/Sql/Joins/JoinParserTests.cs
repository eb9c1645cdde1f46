using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Tests.Sql.Joins;

public sealed class JoinParserTests
{
    [Fact]
    public void Parse_AliasesAndJoins_KeepsThemInOrder()
    {
        var query = SqlParser.Parse("SELECT f.origin FROM flights f JOIN airports AS a ON f.origin = a.iata LEFT OUTER JOIN 'x.csv' x ON x.k = a.k WHERE a.state = 'CA'");
        Assert.Equal("f", query.FromAlias);
        Assert.Equal(2, query.Joins.Count);
        Assert.Equal((JoinKind.Inner, "airports", false, "a"), (query.Joins[0].Kind, query.Joins[0].Source, query.Joins[0].SourceIsPath, query.Joins[0].Alias));
        Assert.Equal((JoinKind.Left, "x.csv", true, "x"), (query.Joins[1].Kind, query.Joins[1].Source, query.Joins[1].SourceIsPath, query.Joins[1].Alias));
        var column = Assert.IsType<ColumnExpr>(query.Items[0].Expression);
        Assert.Equal(("f", "origin"), (column.Qualifier, column.Name));
        Assert.NotNull(query.Where);
    }

    [Fact]
    public void Parse_InnerJoinWithoutAlias_HasNoAlias()
    {
        var query = SqlParser.Parse("SELECT * FROM t INNER JOIN s ON t.k = s.k");
        Assert.Null(query.FromAlias);
        Assert.Null(query.Joins[0].Alias);
    }

    [Fact]
    public void Parse_DottedName_SplitsTheQualifier()
    {
        var query = SqlParser.Parse("SELECT \"a\".\"b c\", a.b.c FROM t");
        var quoted = Assert.IsType<ColumnExpr>(query.Items[0].Expression);
        var three = Assert.IsType<ColumnExpr>(query.Items[1].Expression);
        Assert.Equal(("a", "b c"), (quoted.Qualifier, quoted.Name));
        Assert.Equal(("a", "b.c", "a.b.c"), (three.Qualifier, three.Name, three.DottedName));
    }

    [Theory]
    [InlineData("SELECT * FROM t RIGHT JOIN s ON t.k = s.k", "RIGHT JOIN is not supported")]
    [InlineData("SELECT * FROM t FULL JOIN s ON t.k = s.k", "FULL JOIN is not supported")]
    [InlineData("SELECT * FROM t, s", "a comma between tables")]
    [InlineData("SELECT * FROM t JOIN s USING (k)", "JOIN ... USING is not supported")]
    [InlineData("SELECT * FROM t JOIN s", "expected ON after the joined table")]
    [InlineData("SELECT f.* FROM t f", "a qualified * (t.*) is not supported")]
    [InlineData("SELECT * FROM t JOIN WHERE x", "expected a dataset name or a quoted path after JOIN")]
    public void Parse_UnsupportedJoin_FailsWithPosition(string sql, string message)
    {
        var e = Assert.Throws<QueryException>(() => SqlParser.Parse(sql));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("syntax error at line 1, column ", e.Message, StringComparison.Ordinal);
    }
}
