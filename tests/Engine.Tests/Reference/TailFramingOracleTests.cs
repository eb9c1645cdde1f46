using System.Text;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>
/// Queries that read only the first columns of records whose later fields are awkward (quoted with commas, line
/// breaks and doubled quotes, stray quotes, CR LF inside and after quotes, a BOM, long fields), so the framing only
/// counts those fields, against DuckDB over the same file: whole, and cut into partitions at every offset; and the
/// word count, whose UTF-8 word table must count exactly DuckDB's words.
/// </summary>
public sealed class TailFramingOracleTests : IDisposable
{
    private const string Columns = "{'k': 'VARCHAR', 'n': 'BIGINT', 'note': 'VARCHAR', 'tail': 'VARCHAR', 'last': 'VARCHAR'}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SELECT COUNT(*) AS c FROM t")]
    [InlineData("SELECT k, COUNT(*) AS c FROM t GROUP BY k")]
    [InlineData("SELECT k, COUNT(*) AS c, SUM(n) AS s FROM t WHERE k = 'b' GROUP BY k")]
    [InlineData("SELECT SUM(n) AS s, COUNT(n) AS c FROM t WHERE n >= 2")]
    [InlineData("SELECT k, note, COUNT(*) AS c FROM t GROUP BY k, note")]
    public async Task Query_AwkwardFieldsAfterTheLastNeeded_AgreesWithDuckDbAtEveryCut(string sql)
    {
        var file = WriteAwkward();
        var reader = $"read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header=true, delim=',', quote='\"', escape='\"', strict_mode=false, columns={Columns})";
        var expected = DuckDbOracle.Query(sql, "t", reader);
        var length = new FileInfo(file).Length;

        // Partitions of every size up to the file's length cut it at every offset.
        foreach (var size in new long?[] { null }.Concat(Enumerable.Range(1, (int)length).Select(s => (long?)s)))
        {
            var actual = await DuckDbOracle.RunEngineAsync(sql, file, size);
            DuckDbOracle.AssertSameRows($"{sql} (partitions of {size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the file"})", expected, actual, ordered: false);
        }
    }

    [Theory]
    [InlineData("product")]
    [InlineData("customer")]
    [InlineData("note")]
    public async Task WordCount_OrdersExport_AgreesWithDuckDb(string column)
    {
        var path = _folder.File($"orders/{column}.csv");
        await using (var stream = File.Create(path))
        {
            await ExportDataGenerator.WriteCsvAsync(stream, 20_000, seed: 3, part: 1);
        }

        var columns = "{" + string.Join(", ", ExportDataGenerator.SchemaSpec.Split(',', StringSplitOptions.TrimEntries).Select(c => c.Split(' ')).Select(p => $"'{p[0]}': '{p[1]}'")) + "}";
        await AssertWordCountAsync(path, column, $"read_csv('{path}', header=true, delim=',', quote='\"', escape='\"', strict_mode=false, columns={columns})");
    }

    [Fact]
    public async Task WordCount_SalesComments_AgreesWithDuckDb()
    {
        var path = _folder.File("sales/sales.csv");
        await using (var stream = File.Create(path))
        {
            await SalesDataGenerator.WriteCsvAsync(stream, 20_000, seed: 4, part: 0);
        }

        var columns = "{" + string.Join(", ", SalesDataGenerator.SchemaSpec.Split(',', StringSplitOptions.TrimEntries).Select(c => c.Split(' ')).Select(p => $"'{p[0]}': '{p[1]}'")) + "}";
        await AssertWordCountAsync(path, "comment", $"read_csv('{path}', header=true, delim=',', quote='\"', escape='\"', strict_mode=false, columns={columns})");
    }

    /// <summary>Every word's count (top large enough for all), from the Engine's word count and from DuckDB's regex split.</summary>
    private static async Task AssertWordCountAsync(string file, string column, string reader)
    {
        var sql = $"SELECT w AS word, COUNT(*) AS count FROM (SELECT unnest(string_split_regex(lower({column}), '[^\\p{{L}}]+')) AS w FROM t) WHERE w <> '' GROUP BY w ORDER BY count DESC, w";
        var expected = DuckDbOracle.Query(sql, "t", reader);
        Assert.NotEmpty(expected);
        foreach (var size in new long?[] { null, 40_000 })
        {
            var result = await new LocalJobRunner().RunAsync(new LocalJob
            {
                Files = LocalJobRunner.ExpandPaths(file),
                Processor = ProcessorSpec.WordCount(column, 1_000_000),
                PartitionSize = size,
            });
            DuckDbOracle.AssertSameRows(sql, expected, result.Table, ordered: true);
        }
    }

    /// <summary>A BOM, CR LF and LF mixed; the needed columns first (k, n), then quoted, stray-quoted and long fields.</summary>
    private string WriteAwkward()
    {
        var text = string.Concat(
            "k,n,note,tail,last\r\n",
            "a,1,plain,\"x,y\",\"multi\nline\"\r\n",
            "b,2,\"quoted, \"\"comma\"\"\",\"a\r\nb\",z\n",
            "a,,37°36'37.8\"N,\"\"\"\",\"\"\r\n",
            "b,3,\"q\",\"\",\n",
            "c,4,\"long quoted field with a comma, a doubled \"\" quote and a line\nbreak well past one block of thirty-two bytes\",t,l\r\n",
            "b,5,no quote here but longer than thirty-two bytes of text,\"t,\",\"l\"\"\"\n",
            "\"a\",6,\"é\",ü,\"ö\nö\"\n",
            "c,7,x,y\"y,\"z\r\nz\"\r\n",
            "a,8,,,\n",
            "b,9,\"ends at the end\",\"\",\"last\"");
        var path = _folder.File("awkward.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        return path;
    }
}
