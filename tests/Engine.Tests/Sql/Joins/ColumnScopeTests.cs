using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;
using static OrleansProc.Engine.Tests.Sql.QueryRunner;

namespace OrleansProc.Engine.Tests.Sql.Joins;

/// <summary>Table aliases and qualified column names over one table (DuckDB as the reference where it agrees).</summary>
public sealed class ColumnScopeTests : IDisposable
{
    private const string Flights = "origin,delay,dest\nLAX,10,SFO\nSFO,,LAX\nLAX,-3,\"Zürich, CH\"\n,7,\"a\nb\"\nSFO,2,LAX\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT f.origin, COUNT(*) AS n, SUM(f.delay) FROM t f GROUP BY f.origin")]
    [InlineData("SELECT f.origin, COUNT(*) AS n FROM t AS f GROUP BY origin")]
    [InlineData("SELECT origin, MAX(f.delay) FROM t AS f GROUP BY f.origin")]
    [InlineData("SELECT t.origin, t.dest FROM t WHERE t.delay > 0 ORDER BY t.delay")]
    [InlineData("SELECT \"f\".\"dest\", \"F\".delay FROM t AS \"f\" WHERE f.origin = 'LAX'")]
    [InlineData("SELECT * FROM t f WHERE f.delay IS NULL OR f.origin IS NULL")]
    public async Task Find_AliasesAndQualifiedNames_AgreeWithDuckDb(string sql)
    {
        var file = _folder.Write("t.csv", Flights);
        await DuckDbOracle.AssertSameAsync(sql, file);
    }

    [Fact]
    public void Find_QualifierThatIsNoTable_ReadsTheDottedColumn()
    {
        var schema = MakeSchema(("user.id", SqlType.BigInt), ("user.name", SqlType.Varchar));
        var rows = new[] { new[] { I(1), S("ä") }, new[] { I(2), S("b") } };
        var dotted = Run("SELECT user.name FROM t WHERE user.id = 1", schema, rows);
        var quoted = Run("SELECT \"user.name\" FROM t WHERE \"user.id\" = 1", schema, rows);
        Assert.Equal(quoted.TextRows(), dotted.TextRows());
        Assert.Equal("ä", dotted.TextRows()[0][0]);
    }

    [Fact]
    public void Find_UnknownQualifier_NamesTheTablesAndColumns()
    {
        var schema = MakeSchema(("origin", SqlType.Varchar));
        var e = Assert.Throws<QueryException>(() => Run("SELECT x.origin FROM flights f", schema, []));
        Assert.Contains("unknown column 'x.origin'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'x' is not a table name or alias (tables: f)", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, column 8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ColumnMissingFromQualifiedTable_Fails()
    {
        var schema = MakeSchema(("origin", SqlType.Varchar));
        var e = Assert.Throws<QueryException>(() => Run("SELECT f.dest FROM flights AS f", schema, []));
        Assert.Contains("table 'f' has no column 'dest'", e.Message, StringComparison.Ordinal);
    }
}
