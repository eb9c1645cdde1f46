using System.Globalization;
using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>SELECT DISTINCT against DuckDB: over columns, expressions and *, with ORDER BY, LIMIT and aggregates, over one and many partitions.</summary>
public sealed class SelectDistinctOracleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteData()
    {
        var random = new Random(77);
        string[] cities = ["Oslo", "Zürich", "東京", "\"Kraków, PL\"", "\"two\nlines\"", ""];
        var text = new StringBuilder("city,n,x,flag\n");
        for (var i = 0; i < 2000; i++)
        {
            var city = cities[random.Next(cities.Length)];
            var n = random.Next(9) == 0 ? string.Empty : random.Next(0, 12).ToString(CultureInfo.InvariantCulture);
            var x = random.Next(9) == 0 ? string.Empty : (random.Next(0, 6) / 2.0).ToString("R", CultureInfo.InvariantCulture);
            var flag = random.Next(5) switch { 0 => string.Empty, 1 or 2 => "true", _ => "false" };
            text.Append(CultureInfo.InvariantCulture, $"{city},{n},{x},{flag}\n");
        }

        return _folder.Write("t.csv", text.ToString());
    }

    [Theory]
    [InlineData("SELECT DISTINCT city FROM t")]
    [InlineData("SELECT DISTINCT city, n FROM t")]
    [InlineData("SELECT DISTINCT * FROM t")]
    [InlineData("SELECT DISTINCT n % 3 AS r, LOWER(city) FROM t")]
    [InlineData("SELECT DISTINCT 1, flag FROM t")]
    [InlineData("SELECT DISTINCT city, city FROM t")]
    [InlineData("SELECT DISTINCT x FROM t WHERE n > 5")]
    [InlineData("SELECT DISTINCT city FROM t ORDER BY city DESC")]
    [InlineData("SELECT DISTINCT city AS c FROM t ORDER BY c NULLS FIRST LIMIT 3")]
    [InlineData("SELECT DISTINCT n, x FROM t ORDER BY n DESC, x LIMIT 7")]
    [InlineData("SELECT DISTINCT n FROM t ORDER BY 1")]
    [InlineData("SELECT DISTINCT n + 1 FROM t ORDER BY n + 1 DESC")]
    [InlineData("SELECT DISTINCT city FROM t ORDER BY LENGTH(city), city")]
    [InlineData("SELECT DISTINCT COUNT(*) > 300 FROM t GROUP BY city")]
    [InlineData("SELECT DISTINCT flag, COUNT(*) > 0 AS any FROM t GROUP BY flag, city")]
    [InlineData("SELECT DISTINCT MAX(n) FROM t GROUP BY city ORDER BY 1 DESC")]
    [InlineData("SELECT DISTINCT COUNT(*) FROM t")]
    [InlineData("SELECT ALL city, COUNT(*) FROM t GROUP BY city")]
    public async Task SelectDistinct_OneAndManyPartitions_AgreesWithDuckDb(string sql)
    {
        var file = WriteData();
        await DuckDbOracle.AssertSameAsync(sql, file);
        await DuckDbOracle.AssertSameAsync(sql, file, partitionSize: 64);
    }

    [Theory]
    [InlineData("SELECT DISTINCT city FROM t ORDER BY n", "is not in the SELECT DISTINCT list")]
    [InlineData("SELECT DISTINCT MAX(n) FROM t GROUP BY city ORDER BY MIN(n)", "ORDER BY expressions must appear in the select list")]
    public async Task SelectDistinct_OrderByOutsideTheList_FailsWithPosition(string sql, string message)
    {
        var file = WriteData();
        var e = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineAsync(sql, file));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, column", e.Message, StringComparison.Ordinal);
    }
}
