using System.Text;
using DuckDB.NET.Data;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>The CSV schema inference against DuckDB's sniffer: the same values, the same kind of column.</summary>
public sealed class CsvSnifferOracleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("0", "1")]
    [InlineData("0.5", "1")]
    [InlineData("007", "1")]
    [InlineData("-01", "1")]
    [InlineData("00501", "08123")]
    [InlineData("00.5", "1")]
    [InlineData("-0", "1")]
    [InlineData("00", "1")]
    [InlineData("10", "0501")]
    public void Infer_LeadingZeros_SameKindOfColumnAsDuckDb(string first, string second)
    {
        var csv = $"v,w\n{first},x\n{second},y\n";
        var file = _folder.Write($"z{Guid.NewGuid():N}.csv", csv);

        var ours = SchemaInference.Infer(DataFormat.Csv, Encoding.UTF8.GetBytes(csv), true, "z.csv").Columns[0].Type;

        Assert.Equal(DuckDbColumnKind(file), Kind(ours));
    }

    [Fact]
    public async Task Query_ZipCodesWithLeadingZeros_KeptAsTextLikeDuckDb()
    {
        var file = _folder.Write("zips.csv", "zip_code,city,n\n00501,Holtsville,1\n08123,\"Søre, Ås\",2\n,Oslo,\n90210,Beverly Hills,4\n");

        await DuckDbOracle.AssertSameAsync("SELECT zip_code, city, n FROM t ORDER BY city", file);
        await DuckDbOracle.AssertSameAsync("SELECT zip_code, COUNT(*) AS c FROM t GROUP BY zip_code", file);
    }

    /// <summary>"number" or "text": the kind of the first column DuckDB's sniffer gives <paramref name="file"/>.</summary>
    internal static string DuckDbColumnKind(string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT column_type FROM (DESCRIBE SELECT * FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header = true)) LIMIT 1";
        var type = (string)command.ExecuteScalar()!;
        return type is "BIGINT" or "DOUBLE" or "INTEGER" ? "number" : "text";
    }

    private static string Kind(SqlType type) => type is SqlType.BigInt or SqlType.Double ? "number" : "text";
}
