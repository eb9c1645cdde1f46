using System.Globalization;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.Io;

/// <summary>
/// Property: for any cut points, scanning every range (with the quote-parity check and the re-scan of wrong
/// guesses) yields exactly the records of the uncut blob, in order.
/// </summary>
public sealed class RangeCuttingPropertyTests
{
    private static readonly TableSchema s_threeText = ScanHarness.Schema(("a", SqlType.Varchar), ("b", SqlType.Varchar), ("c", SqlType.Varchar));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task ScanCut_RandomHandMadeCsv_EqualsUncutScan(int seed)
    {
        var random = new Random(seed);
        var rescans = 0;
        for (var round = 0; round < 40; round++)
        {
            var (blob, expected) = HandMadeCsv(random, random.Next(0, 40));
            var options = ScanHarness.Options(DataFormat.Csv, s_threeText);
            var (whole, _) = await ScanHarness.ScanAsync(blob, options with { SkipBadRecords = expected.Count == 0 });
            Assert.Equal(expected, whole);

            for (var cutRound = 0; cutRound < 10; cutRound++)
            {
                var cuts = RandomCuts(random, blob.Length, random.Next(1, 12));

                var (rows, fixes) = await ScanHarness.ScanCutAsync(blob, cuts, options with { SkipBadRecords = expected.Count == 0 }, random.Next(2) == 0 ? 16 : 4096);

                Assert.Equal(expected, rows);
                rescans += fixes;
            }
        }

        Assert.True(rescans > 0, "no cut fell inside a quoted field; the re-scan path was not exercised");
    }

    [Fact]
    public async Task ScanCut_SalesData_EqualsGeneratorRecords()
    {
        var blob = await SalesCsvAsync(rows: 2000, seed: 11, part: 0);
        var expected = SalesDataGeneratorRows(2000, 11, 0);
        var options = SalesOptions();
        var (whole, result) = await ScanHarness.ScanAsync(blob, options);
        Assert.Equal(expected, whole);
        Assert.Equal(blob.Count(b => b == '"'), result.QuoteCount);

        var random = new Random(5);
        var rescans = 0;
        for (var round = 0; round < 25; round++)
        {
            var cuts = RandomCuts(random, blob.Length, random.Next(1, 40));
            if (round % 5 == 0)
            {
                // Force cuts right after opening quotes, inside quoted comments.
                var opening = Enumerable.Range(0, blob.Length - 1).Where(i => blob[i] == ',' && blob[i + 1] == '"').Select(i => (long)i + 2).ToList();
                cuts = [.. cuts.Concat(opening.Where(_ => random.Next(3) == 0)).Distinct().Order()];
            }

            var (rows, fixes) = await ScanHarness.ScanCutAsync(blob, cuts, options, random.Next(2) == 0 ? 64 : RecordScanSession.DefaultBufferSize);

            Assert.Equal(expected, rows);
            rescans += fixes;
        }

        Assert.True(rescans > 0);
    }

    [Fact]
    public async Task ScanCut_RangeCutterPlan_EqualsUncutScan()
    {
        var blob = await SalesCsvAsync(rows: 3000, seed: 2, part: 1);
        var plan = RangeCutter.Plan([new BlobInfo("sales.csv", blob.Length, false)], partitionSize: 10_000);
        var cuts = plan.Skip(1).Select(p => p.Slices.Single().RangeStart).ToList();

        var (rows, _) = await ScanHarness.ScanCutAsync(blob, cuts, SalesOptions(), RecordScanSession.DefaultBufferSize);

        Assert.True(plan.Count > 10);
        Assert.Equal(SalesDataGeneratorRows(3000, 2, 1), rows);
    }

    [Fact]
    public async Task ScanAsync_SalesDataLargerThanBuffer_EqualsGeneratorRecords()
    {
        var blob = await SalesCsvAsync(rows: 40_000, seed: 3, part: 2);
        Assert.True(blob.Length > 2 * RecordScanSession.DefaultBufferSize);

        var (rows, result) = await ScanHarness.ScanAsync(blob, SalesOptions());

        Assert.Equal(SalesDataGeneratorRows(40_000, 3, 2), rows);
        Assert.Equal(blob.Length, result.BytesRead);
    }

    internal static ScanOptions SalesOptions() => ScanHarness.Options(DataFormat.Csv, SchemaParser.Parse(SalesDataGenerator.SchemaSpec), "sales.csv");

    internal static async Task<byte[]> SalesCsvAsync(long rows, int seed, int part)
    {
        using var stream = new MemoryStream();
        await SalesDataGenerator.WriteCsvAsync(stream, rows, seed, part);
        return stream.ToArray();
    }

    internal static List<SqlValue[]> SalesDataGeneratorRows(long rows, int seed, int part) =>
        [.. SalesDataGenerator.Records(rows, seed, part).Select(r => new[]
        {
            SqlValue.FromTimestamp((r.Ts - DateTime.UnixEpoch).Ticks / 10),
            SqlValue.FromInt64(r.UserId),
            SqlValue.FromText(r.Country),
            SqlValue.FromText(r.Category),
            r.Amount is { } a ? SqlValue.FromDouble(double.Parse(a.ToString("0.00", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) : SqlValue.Null,
            SqlValue.FromInt64(r.Quantity),
            SqlValue.FromText(r.Comment),
        })];

    private static List<long> RandomCuts(Random random, int length, int count) =>
        length < 2 ? [] : [.. Enumerable.Range(0, count).Select(_ => (long)random.Next(1, length)).Distinct().Order()];

    /// <summary>A random CSV with header a,b,c and its expected rows; values hold commas, quotes, CR/LF and non-ASCII.</summary>
    private static (byte[] Blob, List<SqlValue[]> Rows) HandMadeCsv(Random random, int records)
    {
        string[] pieces = ["x", "yz", ",", "\"", "\n", "\r\n", "é", "ß", " ", "\"\"", "q,\"", "1"];
        var text = new StringBuilder("a,b,\"c\"");
        text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
        var rows = new List<SqlValue[]>();
        for (var r = 0; r < records; r++)
        {
            var row = new SqlValue[3];
            for (var f = 0; f < 3; f++)
            {
                var value = string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => pieces[random.Next(pieces.Length)]));
                var mustQuote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
                var quote = mustQuote || random.Next(4) == 0;
                if (f > 0)
                {
                    text.Append(',');
                }

                text.Append(quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);
                row[f] = value.Length == 0 && !quote ? SqlValue.Null : SqlValue.FromText(value);
            }

            rows.Add(row);
            if (r < records - 1 || random.Next(2) == 0)
            {
                text.Append(random.Next(3) == 0 ? "\r\n" : "\n");
            }
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), rows);
    }
}
