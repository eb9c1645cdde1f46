using System.IO.Compression;
using System.Text;
using Azure.Storage.Blobs;
using OrleansProc.EndToEnd.Tests.Infrastructure;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>
/// Files and names made to hurt, on real silos over Azurite: each ends in one `error:` line naming what, where and why;
/// no silo exits, and a job over a good dataset run alongside still gives the right answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HostileInputEndToEndTests(ClusterFixture cluster)
{
    private const string GoodCsv = "a,b\n1,x\n2,y\n3,z\n";

    [Fact]
    public async Task Query_HundredMegabyteLineWithoutNewline_FailsNamingBlobLineAndLimitWhileAnotherJobCompletes()
    {
        var folder = Folder("hugeline");
        await using (var file = File.Create(Path.Combine(folder, "data.csv")))
        {
            await file.WriteAsync("a,b\n1,x\n"u8.ToArray());
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'x');
            for (var i = 0; i < 100; i++)
            {
                await file.WriteAsync(chunk);
            }
        }

        await UploadAsync("hugeline", folder, "--schema", "a BIGINT, b VARCHAR");
        await EnsureGoodDatasetAsync();

        var (failed, good) = await RunAlongsideGoodJobAsync("SELECT COUNT(*) AS n FROM hugeline");

        Assert.True(failed.ExitCode == 1, failed.ToString());
        var error = ErrorLine(failed);
        Assert.Contains("hugeline/data.csv", error, StringComparison.Ordinal);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
        Assert.Contains($"longer than {16 * 1024 * 1024} bytes", error, StringComparison.Ordinal);
        AssertGoodAnswer(good);
        AssertSilosAlive();
    }

    [Fact]
    public async Task Upload_BinaryFileNamedCsv_RefusedNamingTheFile()
    {
        var folder = Folder("binary");
        var noise = new byte[300_000];
        new Random(5).NextBytes(noise);
        byte[] png = [0x89, .. "PNG\r\n\u001a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, .. noise];
        await File.WriteAllBytesAsync(Path.Combine(folder, "photo.csv"), png);

        var upload = await cluster.RunClientAsync("dataset", "upload", "binary", folder);

        Assert.True(upload.ExitCode == 2, upload.ToString());
        var error = ErrorLine(upload);
        Assert.Contains("binary/photo.csv", error, StringComparison.Ordinal);
        Assert.Contains("binary data", error, StringComparison.Ordinal);
        Assert.Contains("the uploaded blobs were deleted", error, StringComparison.Ordinal);
        var left = new BlobServiceClient(cluster.ConnectionString).GetBlobContainerClient("datasets").GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "binary/" });
        Assert.Empty(await left.ToListAsync());
        var show = await cluster.RunClientAsync("dataset", "show", "binary");
        Assert.True(show.ExitCode == 2, show.ToString());
        AssertSilosAlive();
    }

    [Fact]
    public async Task Query_BinaryFileWithAGivenSchema_FailsNamingBlobAndLine()
    {
        var folder = Folder("binaryschema");
        var noise = new byte[300_000];
        new Random(6).NextBytes(noise);
        await File.WriteAllBytesAsync(Path.Combine(folder, "data.csv"), [.. "a,b\n"u8, .. noise]);
        await UploadAsync("binaryschema", folder, "--schema", "a BIGINT, b VARCHAR");

        var run = await cluster.RunClientAsync("query", "SELECT b, COUNT(*) AS n FROM binaryschema GROUP BY b");

        Assert.True(run.ExitCode == 1, run.ToString());
        var error = ErrorLine(run);
        Assert.Contains("binaryschema/data.csv", error, StringComparison.Ordinal);
        Assert.Contains("line ", error, StringComparison.Ordinal);
        AssertSilosAlive();
    }

    [Fact]
    public async Task Query_GzipCutShort_FailsNamingTheBlobInsteadOfCountingFewerRows()
    {
        var csv = new StringBuilder("a,b\n");
        for (var i = 0; i < 400_000; i++)
        {
            csv.Append(i).Append(",row").Append(i % 97).Append('\n');
        }

        var whole = Gzip(csv.ToString());
        var folder = Folder("cutgz");
        await File.WriteAllBytesAsync(Path.Combine(folder, "data.csv.gz"), whole[..(whole.Length * 3 / 4)]);
        await UploadAsync("cutgz", folder);
        await EnsureGoodDatasetAsync();

        var (failed, good) = await RunAlongsideGoodJobAsync("SELECT COUNT(*) AS n FROM cutgz");

        Assert.True(failed.ExitCode == 1, failed.ToString());
        var error = ErrorLine(failed);
        Assert.Contains("cutgz/data.csv.gz", error, StringComparison.Ordinal);
        Assert.Contains("not a valid gzip file", error, StringComparison.Ordinal);
        AssertGoodAnswer(good);
        AssertSilosAlive();
    }

    [Fact]
    public async Task Upload_GarbageNamedGz_RefusedNamingTheFile()
    {
        var folder = Folder("garbagegz");
        await File.WriteAllBytesAsync(Path.Combine(folder, "data.csv.gz"), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, .. "this is not deflate data at all"u8]);

        var upload = await cluster.RunClientAsync("dataset", "upload", "garbagegz", folder);

        Assert.True(upload.ExitCode == 2, upload.ToString());
        var error = ErrorLine(upload);
        Assert.Contains("garbagegz/data.csv.gz", error, StringComparison.Ordinal);
        Assert.Contains("not a valid gzip file", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deepjson", 100_000, 0, "nested too deeply")]
    [InlineData("hugejson", 0, 20 * 1024 * 1024, "longer than")]
    public async Task Query_HostileJsonLine_FailsNamingBlobLineAndReason(string name, int depth, int length, string reason)
    {
        var folder = Folder(name);
        var line = depth > 0
            ? "{\"a\":2,\"b\":" + new string('[', depth) + new string(']', depth) + "}"
            : "{\"a\":2,\"b\":\"" + new string('x', length) + "\"}";
        await File.WriteAllTextAsync(Path.Combine(folder, "events.jsonl"), "{\"a\":1,\"b\":\"x\"}\n" + line + "\n{\"a\":3,\"b\":\"z\"}\n");
        await UploadAsync(name, folder, "--schema", "a BIGINT, b VARCHAR");

        var failed = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n, SUM(a) AS s FROM {name}");

        Assert.True(failed.ExitCode == 1, failed.ToString());
        var error = ErrorLine(failed);
        Assert.Contains($"{name}/events.jsonl", error, StringComparison.Ordinal);
        Assert.Contains("line 2", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);

        var skipped = await cluster.RunClientAsync("query", $"SELECT COUNT(*) AS n, SUM(a) AS s FROM {name}", "--format", "json", "--skip-bad-records");

        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        var row = Assert.Single(skipped.Json().EnumerateArray());
        Assert.Equal(2, row.GetProperty("n").GetInt64());
        Assert.Equal(4, row.GetProperty("s").GetInt64());
        AssertSilosAlive();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("%2e%2e")]
    [InlineData("bell\u0007name")]
    [InlineData("trailing.")]
    public async Task Upload_HostileDatasetName_RefusedAndNothingWritten(string name)
    {
        var folder = Folder("hostilename");
        await File.WriteAllTextAsync(Path.Combine(folder, "data.csv"), GoodCsv);

        var upload = await cluster.RunClientAsync("dataset", "upload", name, folder);

        Assert.True(upload.ExitCode == 2, upload.ToString());
        Assert.Contains("invalid dataset name", ErrorLine(upload), StringComparison.Ordinal);
        var list = await cluster.RunClientAsync("dataset", "list", "--format", "json");
        Assert.DoesNotContain("escape", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_TwoThousandCharacterName_RefusedInOneShortLine()
    {
        var upload = await cluster.RunClientAsync("dataset", "upload", new string('n', 2_000), Folder("longname"));

        Assert.True(upload.ExitCode == 2, upload.ToString());
        var error = ErrorLine(upload);
        Assert.Contains("(2000 characters)", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, error);
    }

    [Fact]
    public async Task Secrets_FailingJobsAndBadInput_NeverShowTheAccountKeyInLogsErrorsOrStatus()
    {
        var secrets = cluster.ConnectionString.Split(';')
            .Where(p => p.StartsWith("AccountKey=", StringComparison.OrdinalIgnoreCase))
            .Select(p => p["AccountKey=".Length..])
            .SelectMany(key => new[] { key, key[..20] })
            .ToList();
        Assert.NotEmpty(secrets);
        var folder = Folder("secretbad");
        await File.WriteAllTextAsync(Path.Combine(folder, "data.csv"), "a,b\n1,x\nnot-a-number,y\n");
        await UploadAsync("secretbad", folder, "--schema", "a BIGINT, b VARCHAR");

        var runs = new List<ClientRun>
        {
            await cluster.RunClientAsync("query", "SELECT SUM(a) AS s FROM secretbad", "--detach"),
            await cluster.RunClientAsync("query", "SELECT SUM(a) AS s FROM secretbad"),
            await cluster.RunClientAsync("query", "SELECT nope FROM secretbad"),
            await cluster.RunClientAsync("query", "SELECT COUNT(*) FROM no_such_dataset"),
            await cluster.RunClientAsync("dataset", "show", "no_such_dataset"),
        };
        var jobId = runs[0].Stdout.Trim();
        Assert.True(runs[0].ExitCode == 0 && jobId.Length is > 0 and < 100, runs[0].ToString());
        runs.Add(await cluster.RunClientAsync("job", "watch", jobId));
        runs.Add(await cluster.RunClientAsync("job", "status", jobId));
        runs.Add(await cluster.RunClientAsync("job", "list", "--format", "json"));
        Assert.Contains(runs, r => r.Stderr.Contains("line 3", StringComparison.Ordinal));

        var texts = runs.SelectMany(r => new[] { r.Stdout, r.Stderr }).Concat(cluster.Silos.Select(s => s.Output)).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(texts, t => t.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase));
    }

    private string Folder(string name)
    {
        var folder = Path.Combine(cluster.WorkDirectory, "hostile", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private async Task UploadAsync(string name, string folder, params string[] options)
    {
        var upload = await cluster.RunClientAsync(["dataset", "upload", name, folder, .. options]);
        Assert.True(upload.ExitCode == 0, upload.ToString());
    }

    private async Task EnsureGoodDatasetAsync()
    {
        var folder = Folder("hostilegood");
        await File.WriteAllTextAsync(Path.Combine(folder, "data.csv"), GoodCsv);
        await UploadAsync("hostilegood", folder);
    }

    /// <summary>Runs <paramref name="sql"/> and, while it runs, a job over the good dataset.</summary>
    private async Task<(ClientRun Hostile, ClientRun Good)> RunAlongsideGoodJobAsync(string sql)
    {
        var hostile = cluster.RunClientAsync("query", sql);
        var good = cluster.RunClientAsync("query", "SELECT COUNT(*) AS n, SUM(a) AS s FROM hostilegood", "--format", "json");
        return (await hostile, await good);
    }

    private static void AssertGoodAnswer(ClientRun good)
    {
        Assert.True(good.ExitCode == 0, good.ToString());
        var row = Assert.Single(good.Json().EnumerateArray());
        Assert.Equal(3, row.GetProperty("n").GetInt64());
        Assert.Equal(6, row.GetProperty("s").GetInt64());
    }

    private void AssertSilosAlive() => Assert.All(cluster.Silos, s => Assert.False(s.HasExited, s.Output));

    private static string ErrorLine(ClientRun run)
    {
        var line = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.DoesNotContain(line, char.IsControl);
        return line;
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
