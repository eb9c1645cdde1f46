using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>
/// Quotes inside unquoted fields and delimiters other than a comma, against DuckDB over the same file, through the
/// Engine's whole local pipeline with files cut into many small partitions.
/// </summary>
public sealed class CsvDialectOracleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData(7L)]
    [InlineData(13L)]
    [InlineData(64L)]
    public async Task Query_StrayQuotesAndQuotedNewlines_AgreesWithDuckDbAtAnyPartitionSize(long? partitionSize)
    {
        var file = _folder.Write("coords.csv", CoordinatesCsv(','));

        await DuckDbOracle.AssertSameAsync("SELECT id, place, lat, n FROM t ORDER BY id", file, partitionSize: partitionSize);
        await DuckDbOracle.AssertSameAsync("SELECT COUNT(*) AS c, SUM(n) AS s, COUNT(lat) AS l FROM t", file, partitionSize: partitionSize);
    }

    [Theory]
    [InlineData("semi.csv", ';')]
    [InlineData("pipe.csv", '|')]
    [InlineData("tabs.csv", '\t')]
    [InlineData("tabs.tsv", '\t')]
    public async Task Query_SniffedDelimiter_AgreesWithDuckDb(string name, char delimiter)
    {
        var file = _folder.Write(name, CoordinatesCsv(delimiter));

        await DuckDbOracle.AssertSameAsync("SELECT id, place, lat, n FROM t ORDER BY id", file, partitionSize: 11);
        await DuckDbOracle.AssertSameAsync("SELECT place, COUNT(*) AS c FROM t GROUP BY place", file);
    }

    [Fact]
    public async Task RunAsync_DelimiterGiven_OverridesTheSniffer()
    {
        // Read with ';' the file has one column; the sniffer alone would pick ','.
        var file = _folder.Write("forced.csv", "a,b;c\n1,2;3\n4,5;6\n");

        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = [file],
            Processor = ProcessorSpec.Query("SELECT * FROM t"),
            Delimiter = ';',
        });

        Assert.Equal(["a,b", "c"], result.Table.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task RunAsync_StrictQuotes_FailsOnAQuoteInsideAnUnquotedField()
    {
        var file = _folder.Write("strict.csv", CoordinatesCsv(','));
        var job = new LocalJob { Files = [file], Processor = ProcessorSpec.Query("SELECT COUNT(*) FROM t"), StrictQuotes = true, PartitionSize = 16 };

        var ex = await Assert.ThrowsAsync<BadRecordException>(() => new LocalJobRunner().RunAsync(job));

        Assert.Contains("strict.csv, line 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a;b;c\n1;x;00501\n2;y;08123\n", ';')]
    [InlineData("a|b\n1|x\n2|y\n", '|')]
    [InlineData("a\tb\n1\tx\n2\ty\n", '\t')]
    [InlineData("a,b\n1,x;y\n2,z;w\n", ',')]
    [InlineData("a;b\n1,5;x\n2,5;y\n", ';')]
    [InlineData("single\n1\n2\n", ',')]
    public void Sniff_Sample_PicksTheDelimiterDuckDbPicks(string csv, char expected)
    {
        Assert.Equal(expected, CsvDelimiterSniffer.Sniff(Encoding.UTF8.GetBytes(csv), headIsWholeBlob: true));
        Assert.Equal(expected, DuckDbDelimiter(_folder.Write($"s{Guid.NewGuid():N}.csv", csv)));
    }

    /// <summary>Ids, places with quotes taken as text, coordinates like 37°36'37.8"N, quoted newlines and delimiters, NULLs.</summary>
    private static string CoordinatesCsv(char d) =>
        $"id{d}place{d}lat{d}n\n" +
        $"1{d}San Francisco{d}37°36'37.8\"N{d}10\n" +
        $"2{d}\"Oslo{d} \"\"sentrum\"\"\nline two\"{d}59°54'50\"N{d}\n" +
        $"3{d}5\" pipe{d}{d}7\n" +
        $"4{d}\"Zürich \"\"HB\"\"\"{d}47°22'40.1\"N{d}-2\n" +
        $"5{d}{d}12\"{d}1\n" +
        $"6{d}a\"b\"c{d}\"x\"\"\"{d}3\n";

    private static char DuckDbDelimiter(string file)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Delimiter FROM sniff_csv('{file.Replace("'", "''", StringComparison.Ordinal)}')";
        return ((string)command.ExecuteScalar()!)[0];
    }
}
