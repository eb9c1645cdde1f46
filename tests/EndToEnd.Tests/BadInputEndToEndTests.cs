using System.Text;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>Bad queries and bad files: a clear `error:` line naming what, where and why, the documented exit code, and no silo lost.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputEndToEndTests(ClusterFixture cluster)
{
    [Theory]
    [InlineData("SELEC category FROM tiny", "SELEC")]
    [InlineData("SELECT no_such_column FROM tiny", "no_such_column")]
    [InlineData("SELECT SUM(country) FROM tiny", "SUM")]
    [InlineData("SELECT COUNT(*) AS n FROM no_such_dataset", "no_such_dataset")]
    [InlineData("SELECT COUNT(*) FROM tiny WHERE", "end")]
    public async Task Query_BadQuery_ExitsTwoWithErrorLine(string sql, string mentioned)
    {
        await EnsureDatasetAsync("tiny", "ts,user_id,country,category,amount,quantity,comment\n2024-01-01T00:00:00Z,1,DE,books,1.50,2,hi\n");

        var run = await cluster.RunClientAsync("query", sql);

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(mentioned, error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, run.Stdout.Trim());
    }

    [Theory]
    [InlineData("fields", "a,b\n1,2\n3,4,5\n6,7\n", "line 3", 2)]
    [InlineData("unterminated", "a,b\n1,2\n3,\"open\n4,5\n", "quote", 1)]
    [InlineData("badnumber", "a,b\n1,2\nabc,4\n5,6\n", "line 3", 2)]
    public async Task Query_BadRecord_FailsNamingBlobLineAndReason(string name, string csv, string mentioned, long goodRows)
    {
        await EnsureDatasetAsync(name, csv, schema: "a BIGINT, b BIGINT");

        var failed = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n, SUM(a) AS s FROM {name}", "--format", "json");

        Assert.True(failed.ExitCode == 1, failed.ToString());
        var error = Assert.Single(failed.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"{name}/data.csv", error, StringComparison.Ordinal);
        Assert.Contains(mentioned, error, StringComparison.OrdinalIgnoreCase);

        var skipped = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n, SUM(a) AS s FROM {name}", "--format", "json", "--skip-bad-records");

        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        Assert.Equal(goodRows, Assert.Single(skipped.Json().EnumerateArray()).GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task Query_InvalidUtf8_FailsNamingTheBlob()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,ok\n2,").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
        await EnsureDatasetAsync("badutf8", bytes, schema: "a BIGINT, b VARCHAR");

        var run = await cluster.RunClientAsync("query", "SELECT b, COUNT(*) AS n FROM badutf8 GROUP BY b");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(run.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal) && l.Contains("badutf8/data.csv", StringComparison.Ordinal) && l.Contains("UTF-8", StringComparison.OrdinalIgnoreCase));
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited));
    }

    private Task EnsureDatasetAsync(string name, string csv, string? schema = null) => EnsureDatasetAsync(name, Encoding.UTF8.GetBytes(csv), schema);

    private async Task EnsureDatasetAsync(string name, byte[] content, string? schema = null)
    {
        var folder = Path.Combine(cluster.WorkDirectory, "bad", name);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "data.csv"), content);
        string[] arguments = schema is null ? ["dataset", "upload", name, folder] : ["dataset", "upload", name, folder, "--schema", schema];
        var upload = await cluster.RunClientAsync(arguments);
        Assert.True(upload.ExitCode == 0, upload.ToString());
    }
}
