using System.Globalization;
using System.Text;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The orders the TLS tests upload (four CSV files made here, one partition each) and their per-region count and sum,
/// computed with LINQ over the same rows, independently of the cluster.
/// </summary>
public static class TlsOrders
{
    public const string Dataset = "tlsorders";

    public const string Query = $"SELECT region, COUNT(*) AS n, SUM(amount) AS total FROM {Dataset} GROUP BY region ORDER BY region";

    private const int Files = 4;

    private const int RowsPerFile = 2_500;

    private static readonly string[] Regions = ["east", "north", "south", "west"];

    /// <summary>The rows of file <c>i</c>: (region, amount), from a fixed seed.</summary>
    private static IReadOnlyList<(string Region, long Amount)> FileRows(int file)
    {
        var random = new Random(1_000 + file);
        return [.. Enumerable.Range(0, RowsPerFile).Select(_ => (Regions[random.Next(Regions.Length)], (long)random.Next(-500, 10_000)))];
    }

    /// <summary>The expected answer of <see cref="Query"/>: region, count, sum, by region.</summary>
    public static IReadOnlyList<(string Region, long Count, long Total)> Expected() =>
        [.. Enumerable.Range(0, Files).SelectMany(FileRows)
            .GroupBy(row => row.Region)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (group.Key, (long)group.Count(), group.Sum(row => row.Amount)))];

    /// <summary>Writes the files under the cluster's work directory and uploads them, unless the dataset is there already.</summary>
    public static async Task EnsureUploadedAsync(ClusterFixture cluster)
    {
        if ((await cluster.RunClientAsync("dataset", "show", Dataset)).ExitCode == 0)
        {
            return;
        }

        var folder = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, Dataset)).FullName;
        for (var file = 0; file < Files; file++)
        {
            var text = new StringBuilder("region,amount\n");
            foreach (var (region, amount) in FileRows(file))
            {
                text.Append(CultureInfo.InvariantCulture, $"{region},{amount}\n");
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"orders-{file}.csv"), text.ToString());
        }

        var upload = await cluster.RunClientAsync("dataset", "upload", Dataset, folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
    }

    /// <summary>Asserts a JSON run of <see cref="Query"/> gave exactly <see cref="Expected"/>.</summary>
    public static void AssertAnswer(ClientRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        var actual = run.Json().EnumerateArray()
            .Select(row => (row.GetProperty("region").GetString()!, row.GetProperty("n").GetInt64(), row.GetProperty("total").GetInt64()))
            .ToList();
        Assert.Equal(Expected(), actual);
    }
}
