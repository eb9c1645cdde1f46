using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Reference;

public sealed class DuckDbOracleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AssertSameAsync_GroupByWithNullsAndQuotedNewlines_AgreesWithDuckDb()
    {
        var file = _folder.Write("t.csv", "city,amount,note\nOslo,10,\"a\nb\"\nBergen,,x\nOslo,2.5,\"é, ü\"\n,7,y\n");
        await DuckDbOracle.AssertSameAsync("SELECT city, COUNT(*) AS n, SUM(amount) AS total FROM t GROUP BY city", file);
    }

    [Fact]
    public async Task AssertSameRows_DifferentAnswer_Fails()
    {
        var file = _folder.Write("t.csv", "city,amount\nOslo,10\nBergen,3\n");
        var engine = await DuckDbOracle.RunEngineAsync("SELECT SUM(amount) FROM t", file);
        List<string?[]> wrong = [["14"]];
        Assert.ThrowsAny<Exception>(() => DuckDbOracle.AssertSameRows("SELECT SUM(amount) FROM t", wrong, engine, ordered: false));
    }
}
