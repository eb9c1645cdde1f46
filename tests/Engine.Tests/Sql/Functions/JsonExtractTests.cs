using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Sql.Functions;

public sealed class JsonExtractTests : IDisposable
{
    private const string Csv = "id,doc\n"
        + "1,\"{\"\"a\"\": {\"\"b\"\": \"\"x, y\"\", \"\"c\"\": [1, 2.5, {\"\"d\"\": true}]}, \"\"kind\"\": \"\"é\\u00e9 日本\"\", \"\"arr\"\": [10, 20, 30], \"\"n\"\": null}\"\n"
        + "2,\"{\"\"a\"\": {\"\"b\"\": 7}, \"\"kind\"\": \"\"plain\"\", \"\"arr\"\": [], \"\"name\"\": \"\"Zoë\"\"}\"\n"
        + "3,\n"
        + "4,\"{\"\"a\"\": null, \"\"kind\"\": \"\"plain\"\", \"\"arr\"\": [\"\"q\\\"\"uote\"\"]}\"\n"
        + "5,\"[{\"\"a\"\": 1}, {\"\"a\"\": 2}]\"\n"
        + "6,\"{\"\"a\"\": {\"\"b\"\": false}, \"\"a b\"\": {\"\"c\"\": 3}, \"\"/x\"\": 4}\"\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT id, json_extract_string(doc, '$.a.b') AS s, json_extract(doc, '$.a.b') AS j FROM t ORDER BY id")]
    [InlineData("SELECT id, json_extract(doc, '$.a') AS a, json_extract(doc, '$.a.c[2]') AS c2, json_extract_string(doc, '$.a.c[1]') AS c1 FROM t ORDER BY id")]
    [InlineData("SELECT id, json_extract_string(doc, '$.arr[#-1]') AS last, json_extract(doc, '$.arr[0]') AS first, json_extract(doc, '$.arr[5]') AS none FROM t ORDER BY id")]
    [InlineData("SELECT id, json_extract(doc, '$.n') AS n, json_extract_string(doc, '$.n') AS ns, json_extract_string(doc, 'name') AS name, json_extract_string(doc, '$[1].a') AS second FROM t ORDER BY id")]
    [InlineData("SELECT id, json_extract(doc, '$.\"a b\".c') AS q, json_extract(doc, '/a/b') AS p, json_extract(doc, '/~1x') AS slash, json_extract(doc, '$') AS whole FROM t WHERE id > 3 ORDER BY id")]
    [InlineData("SELECT json_extract_string(doc, '$.kind') AS kind, COUNT(*) AS n, MAX(id) AS last FROM t GROUP BY 1")]
    [InlineData("SELECT COUNT(*) AS n FROM t WHERE json_extract_string(doc, '$.a.b') = 'x, y' OR json_extract(doc, '$.a') IS NULL")]
    public async Task JsonExtract_AgreesWithDuckDb(string sql) =>
        await DuckDbOracle.AssertSameAsync(sql, _folder.Write("docs.csv", Csv));

    [Theory]
    [InlineData("SELECT json_extract(doc) FROM t", "binder error at line 1, column 8: JSON_EXTRACT takes 2 arguments")]
    [InlineData("SELECT json_extract(id, '$.a') FROM t", "type error at line 1, column 21: JSON_EXTRACT needs a VARCHAR first argument, got BIGINT")]
    [InlineData("SELECT json_extract_string(doc, doc) FROM t", "binder error at line 1, column 33: JSON_EXTRACT_STRING needs a constant path such as")]
    [InlineData("SELECT json_extract(doc, '$.a[*]') FROM t", "binder error at line 1, column 26: invalid JSON path '$.a[*]': wildcards are not supported")]
    [InlineData("SELECT json_extract(doc, '$.a.') FROM t", "binder error at line 1, column 26: invalid JSON path '$.a.': an empty key at character 5")]
    public async Task JsonExtract_BadCall_FailsWithLineAndColumn(string sql, string message)
    {
        var ex = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineAsync(sql, _folder.Write("docs.csv", Csv)));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonExtract_TextThatIsNotJson_FailsNamingTheCall()
    {
        var file = _folder.Write("bad.csv", "id,doc\n1,\"{\"\"a\"\": 1}\"\n2,\"{\"\"a\"\": }\"\n");

        var ex = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineAsync("SELECT SUM(LENGTH(json_extract(doc, '$.a'))) FROM t", file));

        Assert.StartsWith("invalid input error at line 1, column 19: malformed JSON '{\"a\": }'", ex.Message, StringComparison.Ordinal);
    }
}
