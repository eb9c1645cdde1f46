using System.Globalization;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>JSON arrays and nested objects through the Engine's local pipeline, compared with DuckDB's read_json.</summary>
public sealed class JsonArrayOracleTests : IDisposable
{
    private const string NestedArray = """
        [
          {"id": 1, "owner": {"name": "Zoë", "address": {"city": "Oslo", "zip": 150}}, "amount": 10.5, "tags": ["a", "b"]},
          {"id": 2, "owner": {"name": "日本", "address": {"city": null, "zip": 7}}, "amount": null},
          {"id": 3, "owner": null, "amount": 4, "note": "a \"quoted\" }, ] text"},
          {"id": 4, "owner": {"name": null, "address": {"city": "Oslo"}}, "amount": -1.25, "note": "é\nü"},
          {"id": 5, "owner": {"address": null}}
        ]
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string VegaFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Join(dir.FullName, "tests", "Engine.Tests", "Reference", "Data", "vega-datasets", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"tests/Engine.Tests/Reference/Data/vega-datasets/{name} not found above {AppContext.BaseDirectory}");
    }

    [Theory]
    [InlineData("SELECT COUNT(*) AS n, SUM(delay) AS delay, AVG(distance) AS distance, MIN(delay) AS lo, MAX(distance) AS hi, COUNT(DISTINCT origin) AS origins FROM t")]
    [InlineData("SELECT origin, COUNT(*) AS n, AVG(delay) AS delay FROM t WHERE distance > 500 GROUP BY origin ORDER BY n DESC, origin LIMIT 10")]
    [InlineData("SELECT destination, MAX(delay) AS worst FROM t GROUP BY destination HAVING COUNT(*) > 20 ORDER BY destination")]
    public async Task Query_VegaFlights2k_AgreesWithDuckDb(string sql) =>
        await DuckDbOracle.AssertSameAsync(sql, VegaFile("flights-2k.json"), partitionSize: 4096);

    [Theory]
    [InlineData("SELECT Origin, COUNT(*) AS n, COUNT(Miles_per_Gallon) AS mpg, AVG(Horsepower) AS hp, MAX(Name) AS last FROM t GROUP BY Origin")]
    [InlineData("SELECT Name, Cylinders FROM t WHERE Horsepower IS NULL OR Miles_per_Gallon IS NULL ORDER BY Name, Cylinders")]
    [InlineData("SELECT Cylinders, SUM(Weight_in_lbs) AS w, MIN(Acceleration) AS a FROM t WHERE Name LIKE '%ford%' GROUP BY Cylinders ORDER BY Cylinders")]
    public async Task Query_VegaCarsWithNulls_AgreesWithDuckDb(string sql) =>
        await DuckDbOracle.AssertSameAsync(sql, VegaFile("cars.json"));

    [Theory]
    [InlineData(
        "SELECT \"owner.name\" AS name, \"owner.address.city\" AS city, \"owner.address.zip\" AS zip, amount, note FROM t ORDER BY id",
        "SELECT owner.name AS name, owner.address.city AS city, owner.address.zip AS zip, amount, note FROM t ORDER BY id")]
    [InlineData(
        "SELECT \"owner.address.city\" AS city, COUNT(*) AS n, SUM(amount) AS total, COUNT(\"owner.name\") AS named FROM t GROUP BY 1",
        "SELECT owner.address.city AS city, COUNT(*) AS n, SUM(amount) AS total, COUNT(owner.name) AS named FROM t GROUP BY 1")]
    [InlineData(
        "SELECT id FROM t WHERE \"owner.address.zip\" > 100 OR \"owner.name\" IS NULL ORDER BY id",
        "SELECT id FROM t WHERE owner.address.zip > 100 OR owner.name IS NULL ORDER BY id")]
    public async Task Query_NestedObjects_ReadAsDottedColumnsAgreeWithDuckDbStructs(string engineSql, string duckDbSql)
    {
        foreach (var file in new[] { _folder.Write("nested.json", NestedArray), _folder.Write("nested.jsonl", ToLines(NestedArray)) })
        {
            var expected = DuckDbOracle.Query(duckDbSql, "t", file);
            var actual = await DuckDbOracle.RunEngineAsync(engineSql, file);
            DuckDbOracle.AssertSameRows(engineSql, expected, actual, ordered: engineSql.Contains("ORDER BY", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Query_ManySmallArrayFilesPacked_AgreesWithDuckDb()
    {
        var random = new Random(11);
        for (var f = 0; f < 12; f++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 40)).Select(i =>
                $"{{\"k\":{(i % 3 == 0 ? "null" : $"\"k{i % 5}é\"")},\"v\":{(i % 7 == 0 ? "null" : (random.Next(-50, 50) / 4.0).ToString(CultureInfo.InvariantCulture))}}}");
            _folder.Write($"parts/p{f:D2}.json", (f % 2 == 0 ? "\n[" : "[\n") + string.Join(",\n", rows) + "]\n");
        }

        await DuckDbOracle.AssertSameAsync("SELECT k, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS s, MIN(v) AS lo FROM t GROUP BY k", _folder.Path + "/parts/*.json", partitionSize: 512);
    }

    [Fact]
    public async Task Query_TenMegabyteFlightsShapedArray_AgreesWithDuckDb()
    {
        var path = _folder.File("flights-big.json");
        var builder = new StringBuilder("[");
        for (var i = 0; builder.Length < 10_000_000; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append("{\"delay\":").Append((i * 37 % 400) - 30).Append(",\"distance\":").Append(i * 13 % 2500 + 30)
                .Append(",\"time\":").Append((i % 2400 / 100.0).ToString("0.0#", CultureInfo.InvariantCulture)).Append('}');
        }

        await File.WriteAllTextAsync(path, builder.Append(']').ToString());

        await DuckDbOracle.AssertSameAsync("SELECT COUNT(*) AS n, SUM(delay) AS d, AVG(distance) AS km, MAX(time) AS t FROM t WHERE delay > 0", path);
        await DuckDbOracle.AssertSameAsync("SELECT time, COUNT(*) AS n, AVG(delay) AS d FROM t WHERE distance < 1000 GROUP BY time ORDER BY n DESC, time LIMIT 40", path);
    }

    [Fact]
    public async Task RunAsync_CutShortArray_FailsNamingTheFileAndLine()
    {
        var path = _folder.Write("cut.json", "[\n  {\"a\": 1},\n  {\"a\": 2},\n  {\"a\": 3");

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => DuckDbOracle.RunEngineAsync("SELECT SUM(a) FROM t", path));

        Assert.Equal($"{path}, line 4: the JSON array is cut short: element 3 is not closed", ex.Message);
    }

    [Fact]
    public async Task RunAsync_ArrayFile_IsOnePartitionWhateverThePartitionSize()
    {
        var path = _folder.Write("one.json", "[" + string.Join(",", Enumerable.Range(0, 2000).Select(i => $"{{\"a\":{i}}}")) + "]");

        var result = await new LocalJobRunner().RunAsync(new LocalJob { Files = [path], Processor = ProcessorSpec.Query("SELECT SUM(a) FROM t"), PartitionSize = 100 });

        Assert.Equal(1, result.Partitions);
        Assert.Equal("1999000", result.Table.TextRows().Single().Single());
    }

    private static string ToLines(string array)
    {
        var inner = array.Trim().TrimStart('[').TrimEnd(']');
        return string.Join("\n", inner.Split("},\n", StringSplitOptions.TrimEntries).Select(l => l.EndsWith('}') ? l : l + "}"));
    }
}
