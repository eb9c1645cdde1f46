using DuckDB.NET.Data;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Sql.Functions;

/// <summary>
/// CASE, COALESCE, the text and numeric functions, <c>||</c>, <c>//</c> and ILIKE against DuckDB over one CSV with NULLs
/// (empty fields), non-ASCII text (é, Å, an emoji), and quoted fields holding commas, quotes and a newline.
/// </summary>
public sealed class ScalarFunctionOracleTests : IDisposable
{
    private const string Csv =
        "id,name,city,amount,qty,note\n"
        + "1,Ålesund,Oslo,10.5,3,\"hello, world\"\n"
        + "2,émile,Bergen,,7,\"multi\nline\"\n"
        + "3,ZOË 😀,,2.5,,plain\n"
        + "4,,Oslo,-7.25,-4,\n"
        + "5,bob,Trondheim,100.0,0,\"a,b,c\"\n"
        + "6,Ängel,bergen,0.5,12,x😀y😀z\n"
        + "7,\"quoted \"\"name\"\"\",Oslo,-2.5,5,\"  padded  \"\n"
        + "8,Émile,OSLO,15.0,-15,ab12cd345\n"
        + "9,ÉCOLE 42,Tromsø,3.0,9,\"trailing\nend\n\"\n";

    private readonly TempFolder _folder = new();
    private readonly string _file;

    public ScalarFunctionOracleTests()
    {
        _file = _folder.Write("t.csv", Csv);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT id, CASE WHEN amount > 50 THEN 'big' WHEN amount > 5 THEN 'mid' WHEN amount IS NULL THEN 'none' ELSE 'small' END AS bucket FROM t")]
    [InlineData("SELECT CASE WHEN amount > 5 THEN 'high' ELSE 'low' END AS bucket, COUNT(*) AS n, SUM(qty) AS q FROM t GROUP BY bucket")]
    [InlineData("SELECT CASE WHEN amount > 5 THEN 'high' ELSE 'low' END, COUNT(*) FROM t GROUP BY 1 ORDER BY 1")]
    [InlineData("SELECT id, CASE WHEN qty > 0 THEN qty ELSE amount END AS v FROM t")]
    [InlineData("SELECT id, CASE city WHEN 'Oslo' THEN 1 WHEN 'Bergen' THEN 2 END AS c FROM t")]
    [InlineData("SELECT id, CASE qty WHEN 3 THEN 'three' WHEN '7' THEN 'seven' ELSE name END AS c FROM t")]
    [InlineData("SELECT id, CASE WHEN id = 1 THEN NULL ELSE name END AS c FROM t")]
    [InlineData("SELECT id, CASE WHEN NULL THEN 1 ELSE 0 END AS c, CASE WHEN qty > 0 THEN TRUE END AS p FROM t")]
    [InlineData("SELECT SUM(CASE WHEN city = 'Oslo' THEN amount ELSE 0 END) AS s, COUNT(CASE WHEN qty > 0 THEN 1 END) AS n FROM t")]
    [InlineData("SELECT city, CASE WHEN COUNT(*) > 1 THEN 'many' ELSE 'one' END AS k, CASE city WHEN 'Oslo' THEN SUM(qty) END AS q FROM t GROUP BY city")]
    [InlineData("SELECT id, COALESCE(name, city, 'none') AS a, COALESCE(qty, amount) AS b, IFNULL(amount, -1) AS c, COALESCE(NULL, qty) AS d FROM t")]
    [InlineData("SELECT id, NULLIF(city, 'Oslo') AS a, NULLIF(qty, 0) AS b, NULLIF(amount, 2.5) AS c, NULLIF(qty, '3') AS d FROM t")]
    [InlineData("SELECT COALESCE(city, '?') AS c, COUNT(*) AS n FROM t GROUP BY COALESCE(city, '?')")]
    public async Task Conditional_AgreesWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Theory]
    [InlineData("SELECT id, name || '-' || city AS a, CONCAT(name, '-', city, qty) AS b, qty || amount AS c, CONCAT(amount, '|', qty > 0) AS d FROM t")]
    [InlineData("SELECT id, SUBSTR(name, 2) AS a, SUBSTR(name, 2, 3) AS b, SUBSTRING(name, -3, 2) AS c, SUBSTRING(name FROM 2 FOR 2) AS d, SUBSTR(note, 0, 3) AS e, SUBSTR(note, 4, -2) AS f FROM t")]
    [InlineData("SELECT id, SUBSTRING(note FROM 3) AS a, SUBSTRING(note FOR 4) AS b, SUBSTR(note, qty) AS c, SUBSTR(name, qty, 2) AS d FROM t")]
    [InlineData("SELECT id, LENGTH(note) AS n, SUBSTR(note, 2, 3) AS a, STRPOS(note, 'y') AS b, STRPOS(name, '😀') AS c, RIGHT(note, 3) AS d FROM t")]
    [InlineData("SELECT id, TRIM(note) AS a, LTRIM(note) AS b, RTRIM(note) AS c, TRIM(name, 'Åbd') AS d, TRIM(note, ' a') AS e, LTRIM(note, 'x😀') AS f, RTRIM(note, 'z😀') AS g FROM t")]
    [InlineData("SELECT id, REPLACE(note, ',', ';') AS a, REPLACE(name, 'e', '') AS b, STARTS_WITH(name, 'é') AS c, CONTAINS(note, ',') AS d, STRPOS(note, ',') AS e FROM t")]
    [InlineData("SELECT id, LEFT(name, 2) AS a, RIGHT(name, 2) AS b, LEFT(note, -2) AS c, RIGHT(name, -1) AS d, LEFT(name, qty) AS e FROM t")]
    [InlineData("SELECT id, SPLIT_PART(note, ',', 2) AS a, SPLIT_PART(note, ',', -1) AS b, SPLIT_PART(name, '', 2) AS c, SPLIT_PART(note, '😀', 3) AS d, SPLIT_PART(note, ',', 0) AS e FROM t")]
    [InlineData("SELECT id, UPPER(name) || LOWER(city) AS a, LENGTH(TRIM(note)) AS b FROM t WHERE name || city LIKE '%l%'")]
    [InlineData("SELECT id, CAST(amount AS VARCHAR) AS a, amount || '' AS b FROM t")]
    public async Task Text_AgreesWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Theory]
    [InlineData("SELECT id, name FROM t WHERE name ILIKE '%e%'")]
    [InlineData("SELECT id, name FROM t WHERE name NOT ILIKE 'é%'")]
    [InlineData("SELECT id, city ILIKE 'OS%' AS a, name ILIKE '_lesund' AS b, city ILIKE city AS c FROM t")]
    [InlineData("SELECT id FROM t WHERE REGEXP_MATCHES(note, '[0-9]+[a-z]')")]
    [InlineData("SELECT id, REGEXP_MATCHES(note, '^[a-z]+, [a-z]+$') AS a, REGEXP_MATCHES(name, 'mile') AS b, REGEXP_MATCHES(name, city) AS c FROM t")]
    [InlineData("SELECT id, REGEXP_EXTRACT(note, '([a-z]+),([a-z]+)', 2) AS a, REGEXP_EXTRACT(note, '[0-9]+') AS b, REGEXP_EXTRACT(name, '[A-Z]+', 0) AS c, REGEXP_EXTRACT(note, 'x(😀)y', 1) AS d FROM t")]
    [InlineData("SELECT REGEXP_EXTRACT(note, '[a-z]+') AS w, COUNT(*) AS n FROM t GROUP BY w")]
    [InlineData("SELECT id, REGEXP_EXTRACT(name, '\\w+') AS a, REGEXP_EXTRACT(note, '\\d+') AS b, REGEXP_MATCHES(note, 'd$') AS c, REGEXP_MATCHES(note, '(?m)^line$') AS d, REGEXP_EXTRACT(name, '[[:upper:]][[:lower:]]+') AS e, REGEXP_EXTRACT(note, '(?P<w>[a-z]+)\\s', 1) AS f, REGEXP_EXTRACT(name, '[^\\w ]+') AS g, REGEXP_MATCHES(note, '\\S\\s\\S') AS h, REGEXP_EXTRACT(note, '[\\d,]+') AS i FROM t")]
    public async Task Matching_AgreesWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Theory]
    [InlineData("SELECT id, ROUND(amount) AS a, ROUND(amount, 1) AS b, ROUND(qty, -1) AS c, ROUND(amount, -1) AS d, ROUND(qty) AS e FROM t")]
    [InlineData("SELECT id, ABS(amount) AS a, ABS(qty) AS b, FLOOR(amount) AS c, CEIL(amount) AS d, CEILING(qty) AS e, FLOOR(qty) AS f FROM t")]
    [InlineData("SELECT id, qty % 3 AS a, amount % 2 AS b, qty // 2 AS c, amount // 2 AS d, qty // qty AS e, qty % qty AS f, -qty // 4 AS g, amount % 0 AS h, qty % 0 AS i, amount // 0 AS j FROM t")]
    [InlineData("SELECT id, POWER(qty, 2) AS a, POW(amount, 0.5) AS b, SQRT(ABS(amount)) AS c, LN(ABS(amount) + 1) AS d, LOG10(ABS(qty) + 1) AS e FROM t")]
    [InlineData("SELECT ROUND(amount / 3, 2) AS r, COUNT(*) AS n FROM t GROUP BY r")]
    [InlineData("SELECT qty % 2 AS parity, SUM(ROUND(amount)) AS s FROM t GROUP BY qty % 2")]
    [InlineData("SELECT ROUND(2.5) AS a, ROUND(-2.5) AS b, ROUND(0.125, 2) AS c, ROUND(25, -1) AS d, ROUND(-25, -1) AS e, ROUND(CAST(1.005 AS DOUBLE), 2) AS f, 7 // 2 AS g, -7 // 2 AS h, 7 % -3 AS i FROM t LIMIT 1")]
    public async Task Numeric_AgreesWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Theory]
    [InlineData("SELECT SUBSTR('hello', 0) AS a, SUBSTR('hello', 0, 2) AS b, SUBSTR('hello', -3) AS c, SUBSTR('hello', 10) AS d, SUBSTR('hello', 2, -1) AS e, SUBSTR('hello', -10, 3) AS f, SUBSTR('hello', -10) AS g, SUBSTR('hello', 3, -2) AS h, SUBSTR('hello', 5, -3) AS i, SUBSTR('hello', 0, 1) AS j, SUBSTR('hello', -6, 3) AS k, SUBSTR('hello', -2, -1) AS l, SUBSTR('hello', '2') AS m FROM t LIMIT 1")]
    [InlineData("SELECT TRIM('  a b  ') AS a, TRIM('xxaxx', 'x') AS b, LTRIM('xyaxy', 'yx') AS c, RTRIM('xyaxy', 'yx') AS d, TRIM('abc', '') AS e, REPLACE('banana', '', 'x') AS f, STRPOS('hello', '') AS g, LEFT('abc', 0) AS h, LEFT('abc', 10) AS i, RIGHT('abc', -5) AS j, SPLIT_PART('a,b,c', ',', 5) AS k, SPLIT_PART('a,b,c', ',', -4) AS l, SPLIT_PART('abab', 'ab', 2) AS m, SPLIT_PART('', ',', 1) AS n, STARTS_WITH('hello', '') AS o, CONTAINS('hello', '') AS p FROM t LIMIT 1")]
    [InlineData("SELECT SUBSTR('hello', NULL) AS a, SUBSTR(NULL, 1) AS b, TRIM('a', NULL) AS c, REPLACE('a', NULL, 'b') AS d, LEFT(NULL, 1) AS e, LEFT('abc', NULL) AS f, SPLIT_PART('a,b', ',', NULL) AS g, REGEXP_MATCHES(NULL, 'a') AS h, REGEXP_MATCHES('a', NULL) AS i, REGEXP_EXTRACT('a', NULL) AS j, 'a' || NULL AS k, CONCAT(NULL, NULL) AS l, COALESCE(NULL, NULL) AS m, ROUND(NULL) AS n, ABS(NULL) AS o, NULLIF(NULL, 1) AS p, STARTS_WITH('a', NULL) AS q, STRPOS(NULL, 'a') AS r FROM t LIMIT 1")]
    [InlineData("SELECT REGEXP_EXTRACT('abc123', '([a-z]+)', 3) AS a, REGEXP_EXTRACT('abc', '(x)?abc', 1) AS b, REGEXP_EXTRACT('abc123', '([a-z]+)', NULL) AS c, REGEXP_MATCHES('hello', '^l') AS d, REGEXP_MATCHES('HeLLo', '(?i)hello') AS e, REGEXP_MATCHES('abc', '') AS f, REGEXP_EXTRACT('abc', 'z') AS g FROM t LIMIT 1")]
    [InlineData("SELECT CASE NULL WHEN NULL THEN 'a' ELSE 'b' END AS a, CASE 2 WHEN 1 THEN 'a' WHEN 2 THEN 'b' END AS b, CASE WHEN false THEN 1 END AS c, CASE WHEN 1 > 0 THEN 1 ELSE 2.5 END AS d, COALESCE(NULL, 2, 3.5) AS e, NULLIF(1, 1) AS f, NULLIF('a', 'b') AS g, IFNULL(NULL, 'x') AS h FROM t LIMIT 1")]
    [InlineData("SELECT -7 % 3 AS a, 7 % -3 AS b, 7 % 0 AS c, 7 // 0 AS d, -7 // 2 AS e, POWER(2, 10) AS f, POWER(0, -1) AS g, SQRT(2) AS h, LN(1) AS i, LOG10(1000) AS j, FLOOR(CAST(-0.5 AS DOUBLE)) AS k, CEIL(CAST(-0.5 AS DOUBLE)) AS l, ABS(-3) AS m FROM t LIMIT 1")]
    [InlineData("SELECT ROUND(9.5) AS a, ROUND(CAST(2.345 AS DOUBLE), 2) AS b, ROUND(CAST(12345.678 AS DOUBLE), -10) AS c, ROUND(CAST(12345.678 AS DOUBLE), -400) AS d, ROUND(CAST(12345.678 AS DOUBLE), 400) AS e, ROUND(CAST(1e300 AS DOUBLE), 5) AS f, ROUND(1234, -2) AS g, ROUND(-1250, -2) AS h, ROUND(7, 2) AS i FROM t LIMIT 1")]
    [InlineData("SELECT 1 + 2 || 'x' AS a, 'x' || 1 + 2 AS b, 'ab' || 'c' LIKE 'abc' AS c, 7 // 2 * 3 AS d, 7 * 3 // 2 AS e, 1 + 7 // 2 AS f, 2 + 3 % 2 AS g, 'x' || 1 = 'x1' AS h, 'a' || 'b' || NULL AS i FROM t LIMIT 1")]
    [InlineData("SELECT CAST(1e20 AS VARCHAR) AS a, CAST(0.1 AS DOUBLE) || '' AS b, CAST(1e-7 AS DOUBLE) || '' AS c, CAST(1e15 AS DOUBLE) || '' AS d, CAST(1e16 AS DOUBLE) || '' AS e, CAST(0.0001 AS DOUBLE) || '' AS f, CAST(0.00001 AS DOUBLE) || '' AS g, CAST(123456789012.5 AS DOUBLE) || '' AS h, CAST(3 AS DOUBLE) || '' AS i, CAST('inf' AS DOUBLE) || '' AS j, CONCAT(CAST(12345678901234567 AS DOUBLE)) AS k FROM t LIMIT 1")]
    public async Task Constants_AgreeWithDuckDb(string sql) => await DuckDbOracle.AssertSameAsync(sql, _file);

    [Fact]
    public async Task GroupByCase_ManySmallPartitions_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameAsync(
            "SELECT CASE WHEN qty > 0 THEN 'pos' WHEN qty < 0 THEN 'neg' END AS k, COUNT(*) AS n, SUM(ROUND(amount)) AS s, MIN(LEFT(name, 2)) AS m "
            + "FROM t WHERE name NOT ILIKE '%BOB%' OR name IS NULL GROUP BY CASE WHEN qty > 0 THEN 'pos' WHEN qty < 0 THEN 'neg' END",
            _file,
            partitionSize: 40);
    }

    [Fact]
    public async Task ResultTypes_AgreeWithDuckDb()
    {
        const string sql = "SELECT ROUND(qty) AS a, ROUND(qty, -1) AS b, ROUND(amount, 1) AS c, ABS(qty) AS d, FLOOR(qty) AS e, CEIL(qty) AS f, "
            + "qty // 2 AS g, amount // 2 AS h, qty % 2 AS i, CASE WHEN qty > 0 THEN qty ELSE amount END AS j, COALESCE(qty, amount) AS k, "
            + "NULLIF(qty, 0) AS l, IFNULL(qty, amount) AS m, STRPOS(name, 'e') AS n, SPLIT_PART(note, ',', 1) AS o, qty || 'x' AS p, "
            + "POWER(qty, 2) AS q, SQRT(ABS(qty)) AS r, CONCAT(NULL, qty) AS s, REGEXP_MATCHES(name, 'e') AS u, CASE WHEN qty > 0 THEN TRUE ELSE qty END AS v, "
            + "ROUND(amount) AS w, ABS(amount) AS x FROM t";
        var engine = await DuckDbOracle.RunEngineAsync(sql, _file);
        var duck = DuckDbColumnTypes(sql);
        Assert.Equal(duck.Count, engine.Columns.Count);
        for (var i = 0; i < duck.Count; i++)
        {
            Assert.True(duck[i] == engine.Columns[i].Type, $"column {engine.Columns[i].Name}: DuckDB {duck[i]}, the Engine {engine.Columns[i].Type}");
        }
    }

    [Fact]
    public async Task Length_NonAsciiAndEmoji_CountsCodePointsAsDuckDb()
    {
        var file = _folder.Write("u.csv", "k,s\n1,é\n2,😀\n3,aé😀b\n4,\"x😀, y\"\n5,\n");
        await DuckDbOracle.AssertSameAsync(
            "SELECT k, s, LENGTH(s) AS n, SUBSTR(s, 2, 1) AS a, STRPOS(s, 'b') AS b, LEFT(s, 1) AS c, RIGHT(s, 1) AS d, REPLACE(s, '😀', 'E') AS e FROM t",
            file);
    }

    private List<SqlType> DuckDbColumnTypes(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("FROM t", $"FROM read_csv('{_file.Replace("'", "''", StringComparison.Ordinal)}', header = true)", StringComparison.Ordinal);
        using var reader = command.ExecuteReader();
        var types = new List<SqlType>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            types.Add(reader.GetDataTypeName(i) switch
            {
                "BigInt" => SqlType.BigInt,
                "Double" => SqlType.Double,
                "Varchar" => SqlType.Varchar,
                "Boolean" => SqlType.Boolean,
                var other => throw new InvalidOperationException($"unexpected DuckDB type {other}"),
            });
        }

        return types;
    }
}
