using DuckDB.NET.Data;
using OrleansProc.EndToEnd.Tests.Infrastructure;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>A Parquet dataset through the real cluster (upload, footer schema, row-group partitions), against DuckDB over the same file.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ParquetEndToEndTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Query_ParquetDatasetCutIntoSmallPartitions_SameAnswerAsDuckDb()
    {
        var folder = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, "formats", "parquet")).FullName;
        var file = Path.Combine(folder, "flights.parquet");
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT i AS id,
                             ['Zürich', 'São Paulo', '東京', 'Oslo, Norway'][i % 4 + 1] AS origin,
                             CASE WHEN i % 9 = 0 THEN NULL ELSE CAST(i % 97 - 20 AS INTEGER) END AS delay,
                             CAST(i % 1000 AS DOUBLE) * 1.5 AS distance
                      FROM range(0, 60000) r(i))
                TO '{file}' (FORMAT parquet, ROW_GROUP_SIZE 4000)
                """;
            command.ExecuteNonQuery();
        }

        var upload = await cluster.RunClientAsync("dataset", "upload", "flightspq", file);
        Assert.True(upload.ExitCode == 0, upload.ToString());

        const string GroupBy = "SELECT origin, COUNT(*) AS n, COUNT(delay) AS delayed, SUM(delay) AS total, AVG(distance) AS d FROM flightspq GROUP BY origin ORDER BY origin";
        var run = await cluster.RunClientAsync("query", GroupBy, "--format", "json", "--partition-size", "20000");
        Assert.True(run.ExitCode == 0, run.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(GroupBy, "flightspq", file), run.Json());

        const string Pruned = "SELECT COUNT(*) AS n, SUM(delay) AS total FROM flightspq WHERE id BETWEEN 10000 AND 12000";
        var pruned = await cluster.RunClientAsync("query", Pruned, "--format", "json", "--partition-size", "20000");
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(Pruned, "flightspq", file), pruned.Json());
        Assert.Contains("Parquet row groups", pruned.Stderr, StringComparison.Ordinal);
    }
}
