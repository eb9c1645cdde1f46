using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Io;

/// <summary>
/// Property: with quotes inside unquoted fields read as text (the default), quoted newlines, doubled quotes and any
/// delimiter, scanning every range of a cut blob (with the quote-transfer check and the re-scan of wrong guesses)
/// yields exactly the records of the uncut blob, in order, and those are the records the blob was written from.
/// </summary>
public sealed class StrayQuoteRangeCuttingPropertyTests
{
    private static readonly TableSchema s_threeText = ScanHarness.Schema(("a", SqlType.Varchar), ("b", SqlType.Varchar), ("c", SqlType.Varchar));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task ScanCut_RandomCsvWithStrayQuotes_EqualsWrittenRecords(int seed)
    {
        var random = new Random(seed);
        var rescans = 0;
        for (var round = 0; round < 40; round++)
        {
            var delimiter = CsvDelimiterSniffer.Candidates[random.Next(CsvDelimiterSniffer.Candidates.Count)];
            var (blob, expected) = StrayQuoteCsv(random, random.Next(0, 30), delimiter);
            var options = ScanHarness.Options(DataFormat.Csv, s_threeText) with { Delimiter = (byte)delimiter, SkipBadRecords = expected.Count == 0 };
            var (whole, _) = await ScanHarness.ScanAsync(blob, options);
            Assert.Equal(expected, whole);

            for (var cutRound = 0; cutRound < 10; cutRound++)
            {
                var cuts = RandomCuts(random, blob.Length, random.Next(1, 12));

                var (rows, fixes) = await ScanHarness.ScanCutAsync(blob, cuts, options, random.Next(2) == 0 ? 16 : 4096);

                Assert.Equal(expected, rows);
                rescans += fixes;
            }
        }

        Assert.True(rescans > 0, "no cut fell inside a quoted field; the re-scan path was not exercised");
    }

    [Theory]
    [InlineData("a,b,c\n1,37°36'37.8\"N,x\n2,\"q\"\"\nr\",ab\"\"cd\n3,a\"b\"c,\"\"\n4,\"\",x\"\n")]
    [InlineData("a,b,c\nx\",\"\"\"\",y\"\"\n\"\n\",z\"\"\",\"\"\n,,\"\n\"\n")]
    [InlineData("\uFEFF\"a\",b,c\n\"1\"\"\",2\"\"\",\"3\n\"\"\"\n")]
    public async Task ScanCut_EveryOffsetAndEveryPair_EqualsUncutScan(string csv)
    {
        var blob = Encoding.UTF8.GetBytes(csv);
        var options = ScanHarness.Options(DataFormat.Csv, s_threeText);
        var (expected, _) = await ScanHarness.ScanAsync(blob, options);
        Assert.NotEmpty(expected);

        for (var first = 1; first < blob.Length; first++)
        {
            var (rows, _) = await ScanHarness.ScanCutAsync(blob, [first], options, 16);
            Assert.Equal(expected, rows);
            for (var second = first + 1; second < blob.Length; second++)
            {
                (rows, _) = await ScanHarness.ScanCutAsync(blob, [first, second], options, 4096);
                Assert.Equal(expected, rows);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScanCut_MalformedQuotesSkipped_EqualsUncutScan(bool strictQuotes)
    {
        var random = new Random(strictQuotes ? 17 : 18);
        string[] pieces = ["x", ",", "\"", "\n", "\"\"", "a\"b", "é", "\r\n", "\"z\"y"];
        for (var round = 0; round < 60; round++)
        {
            var text = new StringBuilder("a,b,c\n");
            for (var i = random.Next(1, 40); i > 0; i--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var blob = Encoding.UTF8.GetBytes(text.ToString());
            var options = ScanHarness.Options(DataFormat.Csv, s_threeText, skip: true) with { StrictQuotes = strictQuotes };
            var (whole, wholeResult) = await ScanHarness.ScanAsync(blob, options);

            for (var cutRound = 0; cutRound < 10; cutRound++)
            {
                var (rows, _) = await ScanHarness.ScanCutAsync(blob, RandomCuts(random, blob.Length, random.Next(1, 8)), options, 16);
                Assert.Equal(whole, rows);
            }
        }
    }

    [Fact]
    public async Task ScanAsync_StrictQuotes_QuoteInsideUnquotedFieldIsBadRecord()
    {
        var blob = Encoding.UTF8.GetBytes("a,b,c\n1,37°36'37.8\"N,x\n");
        var options = ScanHarness.Options(DataFormat.Csv, s_threeText);

        var (rows, _) = await ScanHarness.ScanAsync(blob, options);
        var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(blob, options with { StrictQuotes = true }));

        Assert.Equal([[SqlValue.FromText("1"), SqlValue.FromText("37°36'37.8\"N"), SqlValue.FromText("x")]], rows);
        Assert.Equal("unterminated quoted field: a quote is not closed before the end of the input", ex.Record.Reason);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "column b: a quote inside an unquoted field")]
    public async Task ScanAsync_QuotedPartAfterText_TextOrStrictError(bool strictQuotes, string? reason)
    {
        var blob = Encoding.UTF8.GetBytes("a,b,c\n1,ab\"c\",1\n");
        var options = ScanHarness.Options(DataFormat.Csv, s_threeText) with { StrictQuotes = strictQuotes };

        if (reason is null)
        {
            var (rows, _) = await ScanHarness.ScanAsync(blob, options);
            Assert.Equal([[SqlValue.FromText("1"), SqlValue.FromText("ab\"c\""), SqlValue.FromText("1")]], rows);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<BadRecordException>(() => ScanHarness.ScanAsync(blob, options));
            Assert.Equal(reason, ex.Record.Reason);
        }
    }

    [Fact]
    public void FindWrongGuesses_CutAfterAQuoteTakenAsText_RescansInUnquotedField()
    {
        // "x""y" unquoted: the cut falls between its two quotes, so the range starts in an unquoted field after a quote.
        var blob = Encoding.UTF8.GetBytes("a,b,c\n1,x\"\"y,2\n");
        var cut = Array.IndexOf(blob, (byte)'"') + 1;
        var first = new QuoteTransferTracker(0, cut, (byte)',');
        first.OnRead(blob, 0);

        var fixes = QuoteParity.FindWrongGuesses([new RangeQuoteReport(0, false, false, first.Transfer), new RangeQuoteReport(1, false)]);

        Assert.Equal([new QuoteParityFix(1, false, true)], fixes);
    }

    private static List<long> RandomCuts(Random random, int length, int count) =>
        length < 2 ? [] : [.. Enumerable.Range(0, count).Select(_ => (long)random.Next(1, length)).Distinct().Order()];

    /// <summary>
    /// A random CSV with header a,b,c and its rows: unquoted values hold quotes anywhere but first (taken as text);
    /// values with the delimiter, a line end or a leading quote are quoted, their quotes doubled.
    /// </summary>
    private static (byte[] Blob, List<SqlValue[]> Rows) StrayQuoteCsv(Random random, int records, char delimiter)
    {
        string[] pieces = ["x", "yz", ",", ";", "|", "\t", "\"", "\n", "\r\n", "é", "37°36'37.8\"N", " ", "\"\"", "1"];
        var text = new StringBuilder($"a{delimiter}\"b\"{delimiter}c");
        text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
        var rows = new List<SqlValue[]>();
        for (var r = 0; r < records; r++)
        {
            var row = new SqlValue[3];
            for (var f = 0; f < 3; f++)
            {
                var value = string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => pieces[random.Next(pieces.Length)]));
                var mustQuote = value.StartsWith('"') || value.AsSpan().IndexOfAny([delimiter, '\r', '\n']) >= 0;
                var quote = mustQuote || random.Next(4) == 0;
                if (f > 0)
                {
                    text.Append(delimiter);
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
