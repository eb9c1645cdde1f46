using System.Globalization;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>A transform with <c>--output-format parquet</c> through the real cluster; expected values from the generator's records.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ParquetOutputEndToEndTests(ClusterFixture cluster)
{
    private const int Rows = 12_000;
    private const int Seed = 9;

    [Fact]
    public async Task Query_TransformWithParquetOutput_WritesAParquetDatasetThatCanBeQueried()
    {
        var folder = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, "parquet-output")).FullName;
        await using (var file = File.Create(Path.Combine(folder, "part-0.csv")))
        {
            await SalesDataGenerator.WriteCsvAsync(file, Rows, Seed, 0);
        }

        var upload = await cluster.RunClientAsync("dataset", "upload", "salespqout", folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        var submit = await cluster.RunClientAsync(
            "query", "SELECT ts, user_id, amount, comment, quantity = 20 AS twenty FROM salespqout WHERE quantity >= 19", "--detach", "--partition-size", "60000", "--output-format", "parquet");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var id = submit.Stdout.Trim();
        var watch = await cluster.RunClientAsync("job", "watch", id, "--format", "json");
        Assert.True(watch.ExitCode == 0, watch.ToString());

        var list = await cluster.RunClientAsync("dataset", "list", "--format", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var output = list.Json().EnumerateArray().Single(d => d.GetProperty("name").GetString() == $"{id}-out");
        Assert.Equal("parquet", output.GetProperty("format").GetString());
        Assert.True(output.GetProperty("blobs").GetInt32() > 1, output.ToString());

        var count = await cluster.RunClientAsync(
            "query", $"SELECT COUNT(*) AS n, SUM(user_id) AS s, COUNT(amount) AS priced, SUM(CASE WHEN twenty THEN 1 ELSE 0 END) AS t, SUM(LENGTH(comment)) AS chars, MAX(ts) AS latest FROM {id}-out", "--format", "json");
        Assert.True(count.ExitCode == 0, count.ToString());
        var row = Assert.Single(count.Json().EnumerateArray());
        var selected = SalesDataGenerator.Records(Rows, Seed, 0).Where(r => r.Quantity >= 19).ToList();
        Assert.Equal(selected.Count, row.GetProperty("n").GetInt64());
        Assert.Equal(selected.Sum(r => r.UserId).ToString(CultureInfo.InvariantCulture), row.GetProperty("s").GetRawText());
        Assert.Equal(selected.Count(r => r.Amount is not null), row.GetProperty("priced").GetInt64());
        Assert.Equal(selected.Count(r => r.Quantity == 20), row.GetProperty("t").GetInt64());
        Assert.Equal(selected.Sum(r => (long)r.Comment.EnumerateRunes().Count()), row.GetProperty("chars").GetInt64());
        Assert.Equal(selected.Max(r => r.Ts).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), row.GetProperty("latest").GetString());
    }
}
