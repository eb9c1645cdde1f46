using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Sql.Joins;

/// <summary>
/// Broadcast joins through the whole local pipeline against DuckDB: NULL keys, duplicate keys, non-ASCII text, quoted
/// fields with commas and newlines, LEFT JOIN rows without a match, many partitions; and the real airports.csv and
/// flights (vega-datasets, BSD-3-Clause; see Reference/Data/README.md).
/// </summary>
public sealed class BroadcastJoinTests : IDisposable
{
    private const string Big =
        "id,k,city,amount\n1,a,Zürich,10\n2,b,\"São Paulo, BR\",20\n3,,Tokyo,30\n4,c,\"multi\nline\",40\n5,a,Köln,\n6,zz,Nowhere,5\n7,b,Oslo,1\n8,A,Upper,2\n";

    private const string Small =
        "k,label,weight\na,Alpha,1\na,\"Alpha, dup\",2\nb,Bêta,3\n,NullKey,4\nc,\"C\nnewline\",5\nd,Delta,6\n";

    private const string Third = "label,grade\nAlpha,x\nBêta,y\nBêta,z\nDelta,w\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (string View, string File)[] Tables() =>
    [
        ("t", _folder.Write("t.csv", Big)),
        ("s", _folder.Write("s.csv", Small)),
        ("u", _folder.Write("u.csv", Third)),
    ];

    private static string DataFile(string name) => Path.Join(AppContext.BaseDirectory, "Reference", "Data", name);

    [Theory]
    [InlineData("SELECT t.id, t.city, s.label, s.weight FROM t JOIN s ON t.k = s.k")]
    [InlineData("SELECT * FROM t JOIN s ON t.k = s.k")]
    [InlineData("SELECT * FROM t INNER JOIN s ON s.k = t.k WHERE s.weight > 1")]
    [InlineData("SELECT t.id, s.label FROM t LEFT JOIN s ON t.k = s.k")]
    [InlineData("SELECT x.id, y.label, y.weight FROM t AS x LEFT OUTER JOIN s y ON x.k = y.k ORDER BY x.id, y.weight NULLS FIRST")]
    [InlineData("SELECT s.label, COUNT(*) AS n, SUM(t.amount) AS total, COUNT(t.amount) FROM t JOIN s ON t.k = s.k GROUP BY s.label")]
    [InlineData("SELECT s.label, COUNT(*) AS n FROM t LEFT JOIN s ON t.k = s.k GROUP BY s.label ORDER BY n DESC, s.label NULLS LAST")]
    [InlineData("SELECT t.id, s.label FROM t JOIN s ON t.k = s.k AND t.id = s.weight")]
    [InlineData("SELECT t.id, s.label FROM t JOIN s ON UPPER(t.k) = UPPER(s.k)")]
    [InlineData("SELECT t.id, s.label FROM t JOIN s ON CAST(t.id AS DOUBLE) = s.weight")]
    [InlineData("SELECT t.id, s.label FROM t JOIN s ON t.k = s.k AND s.label = 'Bêta'")]
    [InlineData("SELECT t.id, s.label, u.grade FROM t JOIN s ON t.k = s.k JOIN u ON u.label = s.label")]
    [InlineData("SELECT t.id, s.label, u.grade FROM t LEFT JOIN s ON t.k = s.k LEFT JOIN u ON s.label = u.label")]
    [InlineData("SELECT city, s.label, grade FROM t JOIN s ON t.k = s.k LEFT JOIN u ON s.label = u.label WHERE amount IS NOT NULL")]
    [InlineData("SELECT u.grade, SUM(t.amount) FROM t JOIN s ON t.k = s.k JOIN u ON u.label = s.label GROUP BY u.grade")]
    public async Task CreateAsync_JoinsWithNullAndDuplicateKeys_AgreeWithDuckDb(string sql)
    {
        var tables = Tables();
        await DuckDbOracle.AssertSameAsync(sql, tables);
        await DuckDbOracle.AssertSameAsync(sql, tables, partitionSize: 16);
    }

    [Theory]
    [InlineData("SELECT s.label, t.id FROM s JOIN t ON t.k = s.k")]
    [InlineData("SELECT s.label, COUNT(*) FROM s JOIN t ON s.k = t.k GROUP BY s.label")]
    [InlineData("SELECT u.grade, t.id FROM u JOIN s ON u.label = s.label JOIN t ON t.k = s.k")]
    public async Task CreateAsync_SmallFromTableInnerJoinedToBigOne_SwapsSides(string sql)
    {
        var tables = Tables();
        var limit = new FileInfo(tables[1].File).Length;
        Assert.True(new FileInfo(tables[0].File).Length > limit);
        await DuckDbOracle.AssertSameAsync(sql, tables, partitionSize: 16, broadcastLimit: limit);
    }

    [Fact]
    public async Task CreateAsync_BothSidesOverTheLimit_Fails()
    {
        var e = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineJoinAsync("SELECT * FROM t JOIN s ON t.k = s.k", Tables(), broadcastLimit: 10));
        Assert.StartsWith("binder error at line 1, column ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            ": both sides of the join are larger than the broadcast limit of 10 bytes (ORLEANSPROC_BROADCAST_LIMIT / --broadcast-limit); a shuffled join is not supported yet",
            e.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_LeftJoinWithSmallPreservedSideAndBigOther_Fails()
    {
        var tables = Tables();
        var limit = new FileInfo(tables[1].File).Length;
        var e = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineJoinAsync("SELECT * FROM s LEFT JOIN t ON t.k = s.k", tables, broadcastLimit: limit));
        Assert.Contains("LEFT JOIN keeps every row of its left side", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("binder error at line 1, column ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM t JOIN s ON t.k <> s.k", "an ON condition must be an equality")]
    [InlineData("SELECT * FROM t JOIN s ON t.k = s.k OR t.id = 1", "an ON condition must be an equality")]
    [InlineData("SELECT * FROM t JOIN s ON t.k = s.k AND t.id = 1", "an ON condition must compare")]
    [InlineData("SELECT * FROM t LEFT JOIN s ON t.k = s.k AND t.id = 1", "an ON condition must compare")]
    [InlineData("SELECT k FROM t JOIN s ON t.k = s.k", "column 'k' is ambiguous")]
    [InlineData("SELECT * FROM t JOIN s ON t.k = s.nope", "table 's' has no column 'nope'")]
    [InlineData("SELECT * FROM t JOIN s ON t.k = s.k JOIN s ON t.k = s.k", "the table name 's' is used twice")]
    [InlineData("SELECT * FROM t JOIN s ON t.k = s.k JOIN u ON u.label = t.nope", "table 't' has no column 'nope'")]
    [InlineData("SELECT * FROM t JOIN s ON t.k = s.label JOIN u ON t.amount = u.label", "cannot compare BIGINT and VARCHAR")]
    [InlineData("SELECT * FROM t JOIN s ON COUNT(t.k) = s.k", "aggregate functions are not allowed in ON")]
    public async Task CreateAsync_UnsupportedOrWrongCondition_Fails(string sql, string message)
    {
        var e = await Assert.ThrowsAsync<QueryException>(() => DuckDbOracle.RunEngineJoinAsync(sql, Tables()));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains(" at line 1, column ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT a.state, COUNT(*) AS n, AVG(f.delay) AS delay, SUM(f.distance) FROM flights f JOIN airports a ON f.origin = a.iata GROUP BY a.state")]
    [InlineData("SELECT a.city, d.city, COUNT(*) FROM flights f JOIN airports a ON f.origin = a.iata JOIN airports AS d ON d.iata = f.destination GROUP BY a.city, d.city")]
    [InlineData("SELECT a.name, f.origin, f.delay FROM flights f LEFT JOIN airports a ON f.destination = a.iata WHERE f.delay > 100 ORDER BY f.delay DESC, f.origin LIMIT 25")]
    [InlineData("SELECT a.country, MAX(a.latitude), MIN(f.delay) FROM airports a JOIN flights f ON f.origin = a.iata GROUP BY a.country")]
    public async Task CreateAsync_FlightsJoinedWithAirports_AgreesWithDuckDb(string sql)
    {
        (string, string)[] tables = [("flights", DataFile("flights-2k.csv")), ("airports", DataFile("airports.csv"))];
        await DuckDbOracle.AssertSameAsync(sql, tables, partitionSize: 4096);
    }
}
