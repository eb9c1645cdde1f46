using System.Globalization;
using System.Text;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Parquet;

public sealed class ParquetOutputTests : IDisposable
{
    private const int Rows = 60;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_TransformWithParquetOutput_DuckDbReadsTheSameRows()
    {
        var input = _folder.Write("in/sales.csv", SalesCsv());
        var output = Path.Join(_folder.Path, "out");
        const string Select = "SELECT id, name, amount, amount * 2 AS twice, ok, ts, d, id > 40 AS late FROM t WHERE id <= 12 OR id > 40";

        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = [input],
            Processor = ProcessorSpec.Query(Select) with { OutputFormat = DataFormat.Parquet },
            PartitionSize = 256,
            DegreeOfParallelism = 3,
            OutputDirectory = output,
        });

        var expected = DuckDbOracle.Query(Select, "t", input);
        var parts = Directory.GetFiles(output).Order(StringComparer.Ordinal).ToList();
        Assert.True(result.Partitions > 4, $"only {result.Partitions} partitions");
        Assert.InRange(parts.Count, 2, result.Partitions - 1); // the partitions whose rows all fail the filter write nothing
        Assert.All(parts, p => Assert.Matches(@"part-\d{6}\.parquet$", p));
        Assert.Equal(expected.Count, result.Table.TotalRows);

        var written = DuckDbOracle.Query("SELECT * FROM o", "o", Path.Join(output, "*.parquet"));
        Assert.Equal(Sorted(expected), Sorted(written));
        Assert.Equal(
            ["BIGINT", "VARCHAR", "DOUBLE", "DOUBLE", "BOOLEAN", "TIMESTAMP", "DATE", "BOOLEAN"],
            DuckDbOracle.QueryTypes("SELECT * FROM o", "o", Path.Join(output, "*.parquet")));
    }

    [Fact]
    public void WriteRow_MoreRowsThanARowGroup_WritesSeveralRowGroupsWithNulls()
    {
        var path = _folder.File("groups.parquet");
        var columns = new[] { new ColumnSchema("n", SqlType.BigInt), new ColumnSchema("label", SqlType.Varchar), new ColumnSchema("day", SqlType.Date) };
        using (var file = new FileStream(path, FileMode.Create))
        using (var writer = new ParquetRowWriter(file, rowGroupRows: 4))
        {
            writer.WriteHeader(columns);
            for (var i = 0; i < 10; i++)
            {
                writer.WriteRow(i % 3 == 0
                    ? [SqlValue.FromInt64(i), SqlValue.Null, SqlValue.Null]
                    : [SqlValue.FromInt64(i), SqlValue.FromText($"é{i}"), SqlValue.FromDate(19_000 + i)]);
            }

            writer.Finish();
        }

        var rows = DuckDbOracle.Query("SELECT n, label, CAST(day AS VARCHAR) FROM g ORDER BY n", "g", path);
        var want = Enumerable.Range(0, 10).Select(i => i % 3 == 0
            ? new[] { i.ToString(CultureInfo.InvariantCulture), null, null }
            : [i.ToString(CultureInfo.InvariantCulture), $"é{i}", DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + 19_000 + i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        Assert.Equal(want, rows);
        Assert.Equal(["3"], DuckDbOracle.Query("SELECT COUNT(DISTINCT row_group_id) FROM parquet_metadata('" + path + "')", "g", path).Select(r => r[0]));
    }

    private static List<string> Sorted(List<string?[]> rows) =>
        rows.Select(r => string.Join('\u0001', r.Select(v => v ?? "\u0000NULL"))).Order(StringComparer.Ordinal).ToList();

    private static string SalesCsv()
    {
        var text = new StringBuilder("id,name,amount,ok,ts,d\n");
        for (var i = 1; i <= Rows; i++)
        {
            var name = (i % 5) switch
            {
                0 => string.Empty,
                1 => $"\"Zoë, \"\"the\"\" {i}\"",
                2 => $"Ünïcødé 東京 {i}",
                3 => $"\"two\nlines {i}\"",
                _ => $"plain{i}",
            };
            var amount = i % 7 == 0 ? string.Empty : (i * 1.25).ToString("R", CultureInfo.InvariantCulture);
            var ok = i % 4 == 0 ? string.Empty : (i % 2 == 0 ? "true" : "false");
            var ts = i % 6 == 0 ? string.Empty : $"2024-03-{1 + (i % 28):D2} 10:{i % 60:D2}:05.123456";
            var d = i % 8 == 0 ? string.Empty : $"2023-12-{1 + (i % 28):D2}";
            text.Append(CultureInfo.InvariantCulture, $"{i},{name},{amount},{ok},{ts},{d}\n");
        }

        return text.ToString();
    }
}
