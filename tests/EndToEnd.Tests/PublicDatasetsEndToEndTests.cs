using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.TestSupport;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>
/// Public files from a package nobody here wrote (the npm package vega-datasets, installed beside Azurite): 3 million
/// flights as Parquet, the US airports as CSV (quoted fields with commas), 200,000 flights as one JSON array, the US zip
/// codes (leading zeros). Uploaded to the two-silo cluster and queried as a user would; every answer equals DuckDB's
/// over the same files.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PublicDatasetsEndToEndTests(ClusterFixture cluster) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["flights"] = Path.Combine(RepositoryRoot.VegaDatasets, "flights-3m.parquet"),
        ["airports"] = Path.Combine(RepositoryRoot.VegaDatasets, "airports.csv"),
        ["flights200k"] = Path.Combine(RepositoryRoot.VegaDatasets, "flights-200k.json"),
        ["zipcodes"] = Path.Combine(RepositoryRoot.VegaDatasets, "zipcodes.csv"),
    };

    public static TheoryData<string> Queries() =>
    [
        // A join of flights to the airports (a broadcast of the small side), grouped by the airport's state.
        "SELECT a.state, COUNT(*) AS n, AVG(f.delay) AS avg_delay FROM flights f JOIN airports a ON f.origin = a.iata " +
            "GROUP BY a.state ORDER BY n DESC, a.state LIMIT 15",
        // A time series.
        "SELECT DATE_TRUNC('month', date) AS month, COUNT(*) AS n, SUM(delay) AS total_delay FROM flights GROUP BY month ORDER BY month",
        // CASE buckets.
        "SELECT CASE WHEN delay < 0 THEN 'early' WHEN delay < 15 THEN 'on time' ELSE 'late' END AS bucket, COUNT(*) AS n, " +
            "ROUND(AVG(distance), 3) AS avg_distance FROM flights GROUP BY bucket ORDER BY bucket",
        "SELECT CASE WHEN latitude > 40 THEN 'north' ELSE 'south' END AS half, COUNT(*) AS n FROM airports GROUP BY half ORDER BY half",
        // One JSON array of objects.
        "SELECT CASE WHEN distance > 1000 THEN 'long' ELSE 'short' END AS haul, COUNT(*) AS n, SUM(delay) AS total_delay " +
            "FROM flights200k GROUP BY haul ORDER BY haul",
        // Zip codes keep their leading zeros.
        "SELECT zip_code, city FROM zipcodes WHERE state = 'NY' ORDER BY zip_code LIMIT 5",
    ];

    private static readonly SemaphoreSlim UploadOnce = new(1, 1);
    private static bool s_uploaded;

    /// <summary>Uploads the files once for all the queries (the cluster is shared by the collection).</summary>
    public async Task InitializeAsync()
    {
        await UploadOnce.WaitAsync();
        try
        {
            if (s_uploaded)
            {
                return;
            }

            foreach (var (name, file) in Files)
            {
                var upload = await cluster.RunClientAsync("dataset", "upload", name, file);
                Assert.True(upload.ExitCode == 0, upload.ToString());
            }

            s_uploaded = true;
        }
        finally
        {
            UploadOnce.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_PublicDataset_SameAnswerAsDuckDb(string sql)
    {
        var run = await cluster.RunClientAsync("query", sql, "--format", "json", "--partition-size", "2000000");

        Assert.True(run.ExitCode == 0, run.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(sql, Files), run.Json());
    }
}
