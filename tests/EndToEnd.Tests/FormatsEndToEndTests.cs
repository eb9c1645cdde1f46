using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>JSON Lines, gzip and transforms through the real cluster; expected values from the generator's records.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FormatsEndToEndTests(ClusterFixture cluster)
{
    private const int Rows = 12_000;
    private const int Seed = 5;

    private static List<SalesRecord> Records => [.. SalesDataGenerator.Records(Rows, Seed, 0)];

    [Fact]
    public async Task Query_JsonLinesDataset_MatchesRecords()
    {
        var folder = Folder("jsonl");
        await using (var writer = new StreamWriter(Path.Combine(folder, "sales.jsonl"), false, new UTF8Encoding(false)))
        {
            foreach (var r in Records)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["user_id"] = r.UserId,
                    ["country"] = r.Country,
                    ["amount"] = r.Amount,
                    ["comment"] = r.Comment,
                }));
            }
        }

        await UploadAsync("salesjson", folder);
        var run = await cluster.RunClientAsync("query", "SELECT country, COUNT(*) AS n, SUM(amount) AS total, COUNT(amount) AS priced FROM salesjson GROUP BY country ORDER BY country", "--format", "json", "--partition-size", "50000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = Records.GroupBy(r => r.Country).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var actual = run.Json().EnumerateArray().ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, actual[i].GetProperty("country").GetString());
            Assert.Equal(expected[i].Count(), actual[i].GetProperty("n").GetInt64());
            Assert.Equal(expected[i].Count(r => r.Amount is not null), actual[i].GetProperty("priced").GetInt64());
            var total = (double)expected[i].Sum(r => r.Amount ?? 0m);
            Assert.True(Math.Abs(total - actual[i].GetProperty("total").GetDouble()) <= 1e-9 * Math.Max(1, Math.Abs(total)), $"{expected[i].Key}: {total} vs {actual[i]}");
        }
    }

    [Fact]
    public async Task Query_GzipCsvDataset_MatchesRecords()
    {
        var folder = Folder("gz");
        await using (var file = File.Create(Path.Combine(folder, "part-0.csv.gz")))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await SalesDataGenerator.WriteCsvAsync(gzip, Rows, Seed, 0);
        }

        await UploadAsync("salesgz", folder);
        var run = await cluster.RunClientAsync("query", "SELECT COUNT(*) AS n, SUM(quantity) AS q, MAX(user_id) AS top FROM salesgz", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var row = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal(Records.Count, row.GetProperty("n").GetInt64());
        Assert.Equal(Records.Sum(r => (long)r.Quantity), row.GetProperty("q").GetInt64());
        Assert.Equal(Records.Max(r => r.UserId), row.GetProperty("top").GetInt64());
    }

    [Fact]
    public async Task Query_Transform_WritesAnOutputDatasetThatCanBeQueried()
    {
        var folder = Folder("transform");
        await using (var file = File.Create(Path.Combine(folder, "part-0.csv")))
        {
            await SalesDataGenerator.WriteCsvAsync(file, Rows, Seed, 0);
        }

        await UploadAsync("salestransform", folder);
        var submit = await cluster.RunClientAsync("query", "SELECT user_id, quantity, UPPER(country) AS c FROM salestransform WHERE quantity = 20", "--detach", "--partition-size", "60000");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var id = submit.Stdout.Trim();
        var watch = await cluster.RunClientAsync("job", "watch", id, "--format", "json");
        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.All(watch.Json().EnumerateArray(), r => Assert.Equal(20, r.GetProperty("quantity").GetInt64()));

        var count = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n, SUM(user_id) AS s FROM {id}-out", "--format", "json");

        Assert.True(count.ExitCode == 0, count.ToString());
        var row = Assert.Single(count.Json().EnumerateArray());
        var selected = Records.Where(r => r.Quantity == 20).ToList();
        Assert.Equal(selected.Count, row.GetProperty("n").GetInt64());
        Assert.Equal(selected.Sum(r => r.UserId).ToString(CultureInfo.InvariantCulture), row.GetProperty("s").GetRawText());
    }

    [Fact]
    public async Task Query_TransformMatchingFewPartitions_OutputDatasetHoldsOnlyNonEmptyBlobsAndCanBeQueried()
    {
        var folder = Folder("sparse");
        await using (var file = File.Create(Path.Combine(folder, "part-0.csv")))
        {
            await SalesDataGenerator.WriteCsvAsync(file, Rows, Seed, 0);
        }

        await UploadAsync("salessparse", folder);
        var user = Records[Rows / 2].UserId;
        var expected = Records.Where(r => r.UserId == user).ToList();

        var sparse = await RunTransformAsync($"SELECT user_id, quantity FROM salessparse WHERE user_id = {user}");
        var none = await RunTransformAsync("SELECT user_id, quantity FROM salessparse WHERE quantity < 0");

        Assert.InRange(sparse.Blobs, 1, expected.Count); // partitions without a match leave no blob
        var count = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n, SUM(quantity) AS q FROM {sparse.Id}-out", "--format", "json");
        Assert.True(count.ExitCode == 0, count.ToString());
        var row = Assert.Single(count.Json().EnumerateArray());
        Assert.Equal(expected.Count, row.GetProperty("n").GetInt64());
        Assert.Equal(expected.Sum(r => (long)r.Quantity), row.GetProperty("q").GetInt64());

        Assert.Equal(0, none.Blobs);
        var empty = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n FROM {none.Id}-out", "--format", "json");
        Assert.True(empty.ExitCode == 0, empty.ToString());
        Assert.Equal(0, Assert.Single(empty.Json().EnumerateArray()).GetProperty("n").GetInt64());
    }

    private async Task<(string Id, int Blobs)> RunTransformAsync(string sql)
    {
        var submit = await cluster.RunClientAsync("query", sql, "--detach", "--partition-size", "20000");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var id = submit.Stdout.Trim();
        var watch = await cluster.RunClientAsync("job", "watch", id, "--format", "json");
        Assert.True(watch.ExitCode == 0, watch.ToString());
        var list = await cluster.RunClientAsync("dataset", "list", "--format", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var output = list.Json().EnumerateArray().Single(d => d.GetProperty("name").GetString() == $"{id}-out");
        return (id, output.GetProperty("blobs").GetInt32());
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, "formats", name)).FullName;

    private async Task UploadAsync(string dataset, string folder)
    {
        var upload = await cluster.RunClientAsync("dataset", "upload", dataset, folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
    }
}
