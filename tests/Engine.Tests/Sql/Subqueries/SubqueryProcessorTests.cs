using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Sql.Subqueries;

/// <summary>Subqueries in FROM through the whole local pipeline, against DuckDB.</summary>
public sealed class SubqueryProcessorTests : IDisposable
{
    private const string Flights =
        "origin,delay,dest\nLAX,10,SFO\nSFO,,LAX\nLAX,-3,\"Zürich, CH\"\n,7,\"a\nb\"\nSFO,2,LAX\nJFK,40,LAX\nLAX,1,JFK\nSFO,12,\"São Paulo\"\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT s.origin, s.n FROM (SELECT origin, COUNT(*) AS n FROM t GROUP BY origin) s WHERE s.n > 1 ORDER BY s.n DESC, s.origin")]
    [InlineData("SELECT COUNT(*) AS c, SUM(delay) FROM (SELECT origin, delay FROM t WHERE delay > 0) AS x")]
    [InlineData("SELECT MAX(n), MIN(origin) FROM (SELECT origin, COUNT(*) AS n FROM t GROUP BY origin)")]
    [InlineData("SELECT origin FROM (SELECT origin, COUNT(*) AS n FROM t GROUP BY origin) s WHERE n >= 2")]
    [InlineData("SELECT * FROM (SELECT dest, delay FROM t ORDER BY delay DESC NULLS LAST LIMIT 3) s")]
    [InlineData("SELECT AVG(total), COUNT(*) FROM (SELECT origin, SUM(d) AS total FROM (SELECT origin, delay * 2 AS d FROM t) a GROUP BY origin) b")]
    [InlineData("SELECT big, COUNT(*) AS n FROM (SELECT origin, AVG(delay) > 5 AS big FROM t GROUP BY origin) s GROUP BY big ORDER BY big NULLS FIRST")]
    public async Task Create_SubqueryInFrom_AgreesWithDuckDb(string sql)
    {
        var file = _folder.Write("t.csv", Flights);
        await DuckDbOracle.AssertSameAsync(sql, file);
        await DuckDbOracle.AssertSameAsync(sql, file, partitionSize: 8);
    }

    [Fact]
    public async Task Create_SubqueryOverRealFlights_AgreesWithDuckDb()
    {
        var file = Path.Join(AppContext.BaseDirectory, "Reference", "Data", "flights-2k.csv");
        await DuckDbOracle.AssertSameAsync(
            "SELECT late, COUNT(*) AS airports, SUM(n) AS flights FROM (SELECT origin, COUNT(*) AS n, AVG(delay) > 10 AS late FROM flights GROUP BY origin) s GROUP BY late",
            file,
            "flights",
            partitionSize: 4096);
    }

    [Fact]
    public void Parse_SubqueryInFrom_SourceIsTheInnermostQuery()
    {
        var query = SqlParser.Parse("SELECT * FROM (SELECT a FROM (SELECT a FROM data) x) AS y");
        Assert.Equal("y", query.FromAlias);
        Assert.Equal("data", query.Source.From);
        Assert.Equal(SqlQuery.SubqueryName, query.From);
    }

    [Theory]
    [InlineData("SELECT * FROM (SELECT a FROM t JOIN s ON t.a = s.a) x", "a JOIN inside a FROM subquery is not supported yet")]
    [InlineData("SELECT * FROM (SELECT a FROM t) x JOIN s ON x.a = s.a", "a FROM subquery joined to other tables is not supported yet")]
    [InlineData("SELECT * FROM (SELECT a FROM t x", "expected ')' after the subquery")]
    public async Task Create_UnsupportedSubquery_Fails(string sql, string message)
    {
        var file = _folder.Write("t.csv", "a\n1\n");
        var e = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineAsync(sql, file));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
