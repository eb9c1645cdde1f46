using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>
/// The differences from DuckDB that the README lists, each checked against DuckDB: the Engine's answer is DuckDB's answer
/// to the query written as the README says the Engine reads it, and DuckDB's answer to the query as typed differs.
/// </summary>
public sealed class DuckDbDifferenceTests : IDisposable
{
    private const string Csv = "id,qty,doc\n1,3,\"{\"\"k\"\": \"\"3\"\"}\"\n2,,\"{\"\"k\"\": \"\"x\"\"}\"\n3,7,\n";

    private readonly TempFolder _folder = new();
    private readonly string _file;

    public DuckDbDifferenceTests()
    {
        _file = _folder.Write("t.csv", Csv);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FractionalLiteral_IsDouble_AsDuckDbWithDoubleCasts()
    {
        const string engineSql = "SELECT CAST(2.5 AS BIGINT) AS a, CAST(-2.5 AS BIGINT) AS b, CAST(3.5 AS BIGINT) AS c, ROUND(1.005, 2) AS d, 0.1 + 0.2 AS e, qty * 0.1 AS f FROM t ORDER BY id";
        const string doubleSql = "SELECT CAST(CAST(2.5 AS DOUBLE) AS BIGINT) AS a, CAST(CAST(-2.5 AS DOUBLE) AS BIGINT) AS b, CAST(CAST(3.5 AS DOUBLE) AS BIGINT) AS c, "
            + "ROUND(CAST(1.005 AS DOUBLE), 2) AS d, CAST(0.1 AS DOUBLE) + CAST(0.2 AS DOUBLE) AS e, qty * CAST(0.1 AS DOUBLE) AS f FROM t ORDER BY id";

        var engine = await DuckDbOracle.RunEngineAsync(engineSql, _file);
        DuckDbOracle.AssertSameRows(engineSql, DuckDbOracle.Query(doubleSql, "t", _file), engine, ordered: true);
        var engineRow = engine.TextRows()[0].ToArray();
        var duckDecimalRow = DuckDbOracle.Query(engineSql, "t", _file)[0];
        Assert.NotEqual(duckDecimalRow[0], engineRow[0]);
        Assert.NotEqual(duckDecimalRow[3], engineRow[3]);
    }

    [Fact]
    public async Task JsonArrow_BindsAsConcat_AsDuckDbWithParentheses()
    {
        const string engineSql = "SELECT id, CAST(qty AS VARCHAR) = doc ->> 'k' AS a, 'x' = doc -> 'k' ->> '$' OR qty > 5 AS b FROM t ORDER BY id";
        const string parenthesizedSql = "SELECT id, CAST(qty AS VARCHAR) = (doc ->> 'k') AS a, 'x' = ((doc -> 'k') ->> '$') OR qty > 5 AS b FROM t ORDER BY id";

        var engine = await DuckDbOracle.RunEngineAsync(engineSql, _file);

        DuckDbOracle.AssertSameRows(engineSql, DuckDbOracle.Query(parenthesizedSql, "t", _file), engine, ordered: true);
    }
}
