using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Parquet;

/// <summary>
/// The batch aggregate over dictionary-encoded Parquet columns of every NULL density (none, sparse, runs, dense, all),
/// dictionaries of 5 to 20 bits, compared with DuckDB over the same file: the NULL holes, the WHERE, the sums, MIN and
/// MAX (NaN among the values) and the groups.
/// </summary>
public sealed class ParquetNullDensityTests : IDisposable
{
    /// <summary>60,003 rows in row groups of 25,000 (not multiples of 8); hash(i) spreads the NULLs without a pattern.</summary>
    private const string Densities = """
        SELECT i AS id,
               'country-' || (hash(i * 5) % 23) AS country,
               CAST(i % 7 AS BIGINT) AS q_none,
               CASE WHEN hash(i) % 37 = 0 THEN NULL ELSE CAST(hash(i * 3) % 31 AS BIGINT) - 10 END AS q_sparse,
               CASE WHEN hash(i) % 2 = 0 THEN NULL ELSE CAST(hash(i * 7) % 13 AS BIGINT) END AS q_dense,
               CASE WHEN (i // 700) % 3 = 0 THEN NULL ELSE CAST(i % 5 AS BIGINT) END AS q_runs,
               CAST(NULL AS BIGINT) AS q_all,
               CASE WHEN hash(i * 11) % 29 = 0 THEN NULL ELSE CAST(hash(i * 13) % 1000 AS DOUBLE) * 0.25 END AS p_sparse,
               CASE WHEN hash(i * 11) % 3 = 0 THEN NULL WHEN i % 4001 = 17 THEN CAST('NaN' AS DOUBLE) ELSE CAST(hash(i * 17) % 900000 AS DOUBLE) / 7 END AS p_wide,
               CASE WHEN hash(i * 19) % 2 = 1 THEN NULL ELSE CAST(hash(i * 23) % 40 AS DOUBLE) - 20.5 END AS p_dense
        FROM range(0, 60003) r(i)
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT country, COUNT(*) AS n, COUNT(q_sparse) AS c, SUM(q_sparse) AS s, AVG(p_sparse) AS a, MIN(p_sparse) AS lo, MAX(p_sparse) AS hi FROM t WHERE q_sparse >= 2 GROUP BY country")]
    [InlineData("SELECT country, COUNT(*) AS n, SUM(q_dense) AS s, MIN(q_dense) AS lo, MAX(q_dense) AS hi, SUM(p_dense) AS p, MIN(p_dense) AS plo, MAX(p_dense) AS phi FROM t WHERE q_none <> 3 GROUP BY country")]
    [InlineData("SELECT country, COUNT(q_runs) AS c, SUM(q_runs) AS s, MIN(p_wide) AS lo, MAX(p_wide) AS hi, AVG(p_wide) AS a FROM t WHERE q_runs < 4 GROUP BY country")]
    [InlineData("SELECT country, COUNT(q_all) AS c, SUM(q_all) AS s, MIN(q_all) AS lo, MAX(q_all) AS hi, COUNT(*) AS n FROM t GROUP BY country")]
    [InlineData("SELECT COUNT(*) AS n, SUM(q_none) AS s, MIN(q_sparse) AS lo, MAX(q_sparse) AS hi, SUM(p_sparse) AS p FROM t WHERE q_dense >= 6")]
    public async Task Query_ColumnsOfEveryNullDensity_AgreesWithDuckDb(string sql)
    {
        var file = ParquetFiles.Write(_folder, "d.parquet", Densities, rowGroupSize: 25_000);
        var (processor, _) = ParquetFiles.SqlProcessor(sql, file);
        Assert.True(processor is AggregateQueryProcessor { BatchPlan: not null });
        await DuckDbOracle.AssertSameAsync(sql, file);
        await DuckDbOracle.AssertSameAsync(sql, file, partitionSize: 200_000);
    }
}
