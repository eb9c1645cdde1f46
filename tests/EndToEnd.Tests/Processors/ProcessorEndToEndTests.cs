using System.Text.Json;
using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;

namespace OrleansProc.EndToEnd.Tests.Processors;

/// <summary>
/// User processors on the cluster: a processor project written and built outside the repository, uploaded to the
/// processor store and run over a dataset by two silo processes; answers computed with LINQ over the generator's
/// records. One test walks the whole life of a package, as its steps depend on each other (an upgrade needs a first
/// version, a running job pinned to it, and a second version uploaded meanwhile).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ProcessorEndToEndTests(ClusterFixture cluster)
{
    private const string Dataset = "procsales";
    private const string Package = "countrystats";
    private const int Rows = 30_000;
    private const int Parts = 3;
    private const int Seed = 23;
    private const long MinQuantity = 3;

    [Fact]
    public async Task Run_ProcessorBuiltOutsideTheRepository_MatchesLinqAndKeepsRunningJobsOnTheirVersion()
    {
        await UploadDatasetAsync();
        var project = Path.Combine(cluster.WorkDirectory, "outside", "country-stats");
        var created = await cluster.RunClientAsync("processor", "new", "country-stats", "--output", project);
        Assert.True(created.ExitCode == 0, created.ToString());
        OutsideProcessorProject.Edit(project, "v1");
        var built = await OutsideProcessorProject.BuildAsync(project);
        var v1 = await UploadAsync(built);

        var run = await cluster.RunClientAsync("run", Package, Dataset, "--arg", $"min={MinQuantity}", "--format", "json", "--partition-size", "100000");
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertAnswer(run.Json(), "v1");
        var local = await cluster.RunClientAsync("run", built, Path.Combine(cluster.WorkDirectory, Dataset, "*.csv"), "--arg", $"min={MinQuantity}", "--format", "json");
        Assert.True(local.ExitCode == 0, local.ToString());
        AssertAnswer(local.Json(), "v1");

        var again = await cluster.RunClientAsync("processor", "upload", Path.Combine(project, "bin", "Release", "net10.0"), "--name", Package);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"version {v1} is stored already", again.Stdout, StringComparison.Ordinal);

        // A job on v1 held at a gate while v2 is uploaded: it must finish on v1.
        var gate = Path.Combine(cluster.WorkDirectory, $"gate-{Guid.NewGuid():N}");
        var detached = await cluster.RunClientAsync("run", Package, Dataset, "--arg", $"min={MinQuantity}", "--arg", $"gate={gate}", "--detach");
        Assert.True(detached.ExitCode == 0, detached.ToString());
        var jobId = detached.Stdout.Trim();
        OutsideProcessorProject.Edit(project, "v2");
        var v2 = await UploadAsync(project); // a project folder: upload builds it
        Assert.NotEqual(v1, v2);

        var refused = await cluster.RunClientAsync("processor", "delete", Package, "--version", v1);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains(jobId, refused.Stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(gate, "open");
        var pinned = await cluster.RunClientAsync("job", "watch", jobId, "--format", "json");
        Assert.True(pinned.ExitCode == 0, pinned.ToString());
        AssertAnswer(pinned.Json(), "v1");

        var upgraded = await cluster.RunClientAsync("run", Package, Dataset, "--arg", $"min={MinQuantity}", "--format", "json");
        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
        AssertAnswer(upgraded.Json(), "v2");

        var show = await cluster.RunClientAsync("processor", "show", Package, "--format", "json");
        Assert.True(show.ExitCode == 0, show.ToString());
        var versions = show.Json().EnumerateArray().ToList();
        Assert.Equal([v2, v1], versions.Select(v => v.GetProperty("version").GetString()));
        Assert.All(versions, v => Assert.Equal("CountryStats", v.GetProperty("processor").GetString()));
        Assert.Equal("country, quantity", versions[0].GetProperty("columns").GetString());
        Assert.Equal("orders and items per country", versions[0].GetProperty("description").GetString());

        var old = await cluster.RunClientAsync("run", Package, Dataset, "--arg", $"min={MinQuantity}", "--version", v1, "--format", "json");
        Assert.True(old.ExitCode == 0, old.ToString());
        AssertAnswer(old.Json(), "v1");

        var deleted = await cluster.RunClientAsync("processor", "delete", Package, "--version", v1);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        var list = await cluster.RunClientAsync("processor", "list", "--format", "json");
        var listed = Assert.Single(list.Json().EnumerateArray(), p => p.GetProperty("name").GetString() == Package);
        Assert.Equal(v2, listed.GetProperty("latest").GetString());
        Assert.Equal(1, listed.GetProperty("versions").GetInt64());
    }

    [Fact]
    public async Task Run_UnknownProcessor_FailsNamingIt()
    {
        var run = await cluster.RunClientAsync("run", "no-such-processor", "whatever");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("unknown processor 'no-such-processor'", run.Stderr, StringComparison.Ordinal);
    }

    private async Task UploadDatasetAsync()
    {
        var folder = Path.Combine(cluster.WorkDirectory, Dataset);
        Directory.CreateDirectory(folder);
        for (var part = 0; part < Parts; part++)
        {
            await using var file = File.Create(Path.Combine(folder, $"part-{part}.csv"));
            await SalesDataGenerator.WriteCsvAsync(file, SalesDataGenerator.RowsInPart(Rows, Parts, part), Seed, part);
        }

        var upload = await cluster.RunClientAsync("dataset", "upload", Dataset, folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
    }

    /// <summary>Uploads a built assembly or a project as the package; returns its version, read back from <c>processor list</c>.</summary>
    private async Task<string> UploadAsync(string path)
    {
        var upload = await cluster.RunClientAsync("processor", "upload", path, "--name", Package);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Contains("processors: CountryStats", upload.Stdout, StringComparison.Ordinal);
        var list = await cluster.RunClientAsync("processor", "list", "--format", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var latest = Assert.Single(list.Json().EnumerateArray(), p => p.GetProperty("name").GetString() == Package).GetProperty("latest").GetString()!;
        Assert.Contains($"version {latest}", upload.Stdout, StringComparison.Ordinal);
        return latest;
    }

    private static void AssertAnswer(JsonElement rows, string build)
    {
        var expected = Enumerable.Range(0, Parts)
            .SelectMany(p => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(Rows, Parts, p), Seed, p))
            .Where(r => r.Quantity >= MinQuantity)
            .GroupBy(r => r.Country)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (long)g.Count(), g.Sum(r => (long)r.Quantity), build))
            .ToList();
        var actual = rows.EnumerateArray()
            .Select(r => (r.GetProperty("country").GetString()!, r.GetProperty("orders").GetInt64(), r.GetProperty("items").GetInt64(), r.GetProperty("build").GetString()!))
            .ToList();
        Assert.Equal(expected, actual);
    }
}
