using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Sql.Functions;

/// <summary>
/// <c>POSITION(x IN y)</c>, <c>TRIM(BOTH|LEADING|TRAILING ... FROM ...)</c>, the JSON operators <c>-&gt;</c> and
/// <c>-&gt;&gt;</c>, <c>CAST(text AS DATE)</c>, LENGTH/LOWER/UPPER and division by zero against DuckDB, over a CSV with
/// NULLs (empty fields), non-ASCII text and JSON documents in a column.
/// </summary>
public sealed class KeywordCallOracleTests : IDisposable
{
    private const string Csv =
        "id,name,pad,qty,day,doc\n"
        + "1,Ålesund,xxÅxx,3,2024-01-02,\"{\"\"a\"\": {\"\"b\"\": \"\"Zoë\"\"}, \"\"arr\"\": [10, 20, 30], \"\"n\"\": null}\"\n"
        + "2,émile,  é  ,0,2024-1-5,\"{\"\"a\"\": {\"\"b\"\": 7}, \"\"arr\"\": []}\"\n"
        + "3,ZOË 😀,😀x😀,,,\n"
        + "4,,xyx,-4, 2023-12-31 ,\"{\"\"a\"\": null, \"\"arr\"\": [\"\"q\\\"\"uote\"\"], \"\"a b\"\": 1}\"\n"
        + "5,straße,,5,2024-02-29,\"[{\"\"a\"\": 1}, {\"\"a\"\": 2}]\"\n";

    private readonly TempFolder _folder = new();
    private readonly string _file;

    public KeywordCallOracleTests()
    {
        _file = _folder.Write("t.csv", Csv);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT id, POSITION('e' IN name) AS a, POSITION('😀' IN name) AS b, POSITION('' IN name) AS c, POSITION(name IN pad) AS d, POSITION('x' || 'x' IN pad) AS e FROM t")]
    [InlineData("SELECT POSITION('b' IN 'abcb') AS a, POSITION('é' IN 'aé') AS b, POSITION('x' IN 'abc') AS c, POSITION(NULL IN 'abc') AS d, POSITION('a' IN NULL) AS e FROM t LIMIT 1")]
    [InlineData("SELECT id FROM t WHERE POSITION('m' IN name) > 0 AND POSITION('i' IN name) BETWEEN 1 AND 3")]
    [InlineData("SELECT id, TRIM(BOTH 'x' FROM pad) AS a, TRIM(LEADING 'x' FROM pad) AS b, TRIM(TRAILING 'x' FROM pad) AS c, TRIM('😀' FROM pad) AS d, TRIM(BOTH FROM pad) AS e, TRIM(LEADING FROM pad) AS f, TRIM(FROM pad) AS g FROM t")]
    [InlineData("SELECT id, TRIM(pad, 'x') AS a, TRIM(pad, 'x😀') AS b, TRIM(TRAILING 'x' || 'y' FROM pad) AS c, TRIM(BOTH NULL FROM pad) AS d, TRIM(pad, NULL) AS e, TRIM(LEADING name FROM pad) AS f FROM t")]
    [InlineData("SELECT TRIM(BOTH 'xy' FROM 'xyaxy') AS a, TRIM(LEADING 'x' FROM 'xxaxx') AS b, TRIM(TRAILING 'x' FROM 'xxaxx') AS c, TRIM(BOTH FROM '  a  ') AS d, TRIM(FROM '  a ') AS e FROM t LIMIT 1")]
    public async Task PositionAndTrim_AgreeWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Theory]
    [InlineData("SELECT id, doc->'$.a' AS a, doc->>'$.a.b' AS b, doc->>'a' AS c, doc->'a'->>'b' AS d, doc->'arr'->>0 AS e, doc->>'$.arr[1]' AS f FROM t")]
    [InlineData("SELECT id, doc->>-1 AS a, doc->'arr'->>-1 AS b, doc->'n' AS c, doc->>'n' AS d, doc->>'/a/b' AS e, doc->>'a b' AS f, doc->>NULL AS g, doc->>'$[1].a' AS h FROM t")]
    [InlineData("SELECT doc->'a'->>'b' || '!' AS a, COUNT(*) AS n FROM t WHERE doc->>'$.a.b' IS NOT NULL OR (doc->>'$.n') = 'x' GROUP BY 1")]
    [InlineData("SELECT '{\"a\":{\"b\":1},\"c\":\"é\"}'->'$.a' AS a, '{\"a\":1}'->>'a' = '1' AS b, '{\"a\":\"x\"}'->>'a' || 'y' AS c FROM t LIMIT 1")]
    public async Task JsonArrows_AgreeWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Theory]
    [InlineData("SELECT id, CAST(day AS DATE) AS a, CAST(day AS DATE) + 1 AS b, YEAR(CAST(day AS DATE)) AS c FROM t")]
    [InlineData("SELECT CAST('2024-01-02' AS DATE) AS a, CAST('2024-1-2' AS DATE) AS b, CAST(' 2024-01-02 ' AS DATE) AS c, CAST('2024-01-02 10:00:00' AS DATE) AS d, CAST(NULL AS DATE) AS e, '2024-03-01'::DATE - 1 AS f FROM t LIMIT 1")]
    [InlineData("SELECT id, LENGTH(name) AS a, LOWER(name) AS b, UPPER(pad) AS c, LENGTH(pad) AS d, LOWER(NULL) AS e, LENGTH(NULL) AS f FROM t WHERE id < 5")]
    public async Task CastsAndCase_AgreeWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Theory]
    [InlineData("SELECT id, qty / 0 AS a, -qty / 0 AS b, qty / (qty - qty) AS c, CAST(qty AS DOUBLE) // 0 AS d, qty // 0 AS e, 1 / 0 > 5 AS f FROM t")]
    [InlineData("SELECT SUM(qty / 0) AS a, MAX(qty / 0) AS b, MIN(-qty / 0) AS c, COUNT(*) AS n FROM t WHERE qty > 0")]
    [InlineData("SELECT 1 / 0 AS a, -1 / 0 AS b, 0 / 0 AS c, CAST(1 AS DOUBLE) / 0 AS d, 1 % 0 AS e, 5 // 0 AS f, CAST(1 / 0 AS VARCHAR) AS g FROM t LIMIT 1")]
    public async Task DivisionByZero_AgreesWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Theory]
    [InlineData("SELECT POSITION('a', name) FROM t", "syntax error at line 1, column 20: expected IN in POSITION(x IN y) but found ','")]
    [InlineData("SELECT POSITION('a' IN name FROM t", "syntax error at line 1, column 29: expected ')' after POSITION(x IN y but found 'FROM'")]
    [InlineData("SELECT TRIM(BOTH 'x' pad) FROM t", "syntax error at line 1, column 22: expected FROM in TRIM(... FROM x) but found 'pad'")]
    [InlineData("SELECT TRIM(BOTH 'x' FROM) FROM t", "syntax error at line 1, column 26: expected an expression but found ')'")]
    [InlineData("SELECT TRIM(name 'x') FROM t", "syntax error at line 1, column 18: expected ')', ',' or FROM in the TRIM call but found ''x''")]
    [InlineData("SELECT qty->>'a' FROM t", "type error at line 1, column 8: ->> needs a VARCHAR first argument, got BIGINT")]
    [InlineData("SELECT doc->name FROM t", "binder error at line 1, column 13: -> needs a constant path such as '$.a.b' (or an array index)")]
    [InlineData("SELECT doc->'$.a[*]' FROM t", "binder error at line 1, column 13: invalid JSON path '$.a[*]': wildcards are not supported")]
    [InlineData("SELECT NOW() FROM t", "binder error at line 1, column 8: unknown function 'NOW'")]
    [InlineData("SELECT CAST('2024-13-01' AS DATE) FROM t", "conversion error at line 1, column")]
    public async Task UnsupportedOrBad_FailsWithLineAndColumn(string sql, string message)
    {
        var ex = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineAsync(sql, _file));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonArrow_OnFlattenedObject_FailsNamingTheColumnAndItsFields()
    {
        var file = _folder.Write("n.jsonl", "{\"id\": 1, \"buyer\": {\"name\": \"Zoë\"}}\n{\"id\": 2, \"buyer\": null}\n");

        var ex = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineAsync("SELECT buyer ->> 'name' FROM t", file));

        Assert.StartsWith("unknown column 'buyer' at line 1, column 8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("buyer.name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DivisionByZero_SumsMergedAcrossPartitions_AgreeWithDuckDb()
    {
        await DuckDbOracle.AssertSameAsync(
            "SELECT qty > 0 AS k, SUM(qty / 0) AS s, AVG(qty / 0) AS a, SUM(CAST(qty AS DOUBLE)) AS d FROM t GROUP BY qty > 0",
            _file,
            partitionSize: 30);
    }

    [Fact]
    public async Task PositionAndTrim_GroupedOverSmallPartitions_AgreeWithDuckDb()
    {
        await DuckDbOracle.AssertSameAsync(
            "SELECT POSITION('x' IN TRIM(LEADING ' ' FROM pad)) AS p, COUNT(*) AS n, MAX(doc->>'$.a.b') AS b FROM t GROUP BY POSITION('x' IN TRIM(LEADING ' ' FROM pad))",
            _file,
            partitionSize: 30);
    }
}
