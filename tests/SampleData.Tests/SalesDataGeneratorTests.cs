using System.Text;

namespace OrleansProc.SampleData.Tests;

public sealed class SalesDataGeneratorTests
{
    [Fact]
    public void Records_SameSeedAndPart_AreIdentical()
    {
        Assert.Equal(SalesDataGenerator.Records(500, 42, 3), SalesDataGenerator.Records(500, 42, 3));
    }

    [Fact]
    public void Records_OtherSeedOrPart_Differ()
    {
        var a = SalesDataGenerator.Records(50, 42, 3).ToList();

        Assert.NotEqual(a, SalesDataGenerator.Records(50, 43, 3));
        Assert.NotEqual(a, SalesDataGenerator.Records(50, 42, 4));
    }

    [Fact]
    public void Records_PartDoesNotDependOnRowCount()
    {
        Assert.Equal(SalesDataGenerator.Records(100, 1, 0), SalesDataGenerator.Records(300, 1, 0).Take(100));
    }

    [Fact]
    public void Records_Values_AreInTheirDomains()
    {
        var records = SalesDataGenerator.Records(20_000, 9, 0).ToList();

        Assert.All(records, r =>
        {
            Assert.Equal(DateTimeKind.Utc, r.Ts.Kind);
            Assert.Equal(2024, r.Ts.Year);
            Assert.InRange(r.UserId, 1, 200_000);
            Assert.Equal(2, r.Country.Length);
            Assert.InRange(r.Quantity, 1, 20);
            Assert.True(r.Amount is null || (r.Amount > 0 && r.Amount == decimal.Round(r.Amount.Value, 2)));
            Assert.NotEmpty(r.Comment);
        });
        Assert.InRange(records.Count(r => r.Amount is null), 200, 600);
        Assert.InRange(records.Count(r => r.Crlf), 400, 800);
        Assert.InRange(records.Count(r => r.Comment.AsSpan().IndexOfAny(",\"\n") >= 0), 500, 1500);
        Assert.Contains(records, r => r.Comment.Contains('\n', StringComparison.Ordinal));
        Assert.Contains(records, r => r.Comment.Contains('"', StringComparison.Ordinal));
        Assert.InRange(records.Select(r => r.Country).Distinct().Count(), 25, 30);
        Assert.Equal(12, records.Select(r => r.Category).Distinct().Count());
        var top = records.GroupBy(r => r.Country).OrderByDescending(g => g.Count()).First();
        Assert.True(top.Count() > records.Count / 10, "countries should be skewed");
    }

    [Fact]
    public void Words_AreDistinctLowercaseWithSomeNonAscii()
    {
        var words = SalesDataGenerator.Words;

        Assert.Equal(5000, words.Count);
        Assert.Equal(5000, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(words, w => Assert.True(w.All(char.IsLower), w));
        Assert.InRange(words.Count(w => !Ascii.IsValid(w)), 500, 4000);
    }

    [Fact]
    public async Task WriteCsvAsync_Output_StartsWithHeaderAndEncodesRecords()
    {
        using var stream = new MemoryStream();

        await SalesDataGenerator.WriteCsvAsync(stream, 200, 5, 1);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        var expected = SalesDataGenerator.Header + "\n" + string.Concat(SalesDataGenerator.Records(200, 5, 1).Select(SalesDataGenerator.ToCsvLine));
        Assert.Equal(expected, text);
        Assert.StartsWith("ts,user_id,country,category,amount,quantity,comment\n2024-", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCsvLine_SpecialComment_IsQuotedWithDoubledQuotes()
    {
        var record = new SalesRecord(new DateTime(2024, 3, 1, 12, 34, 56, DateTimeKind.Utc), 7, "DE", "books", 12.3m, 2, "say \"hi\", ok\nbye", true);

        Assert.Equal("2024-03-01T12:34:56Z,7,DE,books,12.30,2,\"say \"\"hi\"\", ok\nbye\"\r\n", SalesDataGenerator.ToCsvLine(record));
        Assert.Equal("2024-03-01T12:34:56Z,7,DE,books,,2,plain\n", SalesDataGenerator.ToCsvLine(record with { Amount = null, Comment = "plain", Crlf = false }));
    }

    [Theory]
    [InlineData(10, 3, new long[] { 4, 3, 3 })]
    [InlineData(2, 4, new long[] { 1, 1, 0, 0 })]
    [InlineData(0, 2, new long[] { 0, 0 })]
    public void RowsInPart_SplitsAllRows(long total, int parts, long[] expected)
    {
        Assert.Equal(expected, Enumerable.Range(0, parts).Select(p => SalesDataGenerator.RowsInPart(total, parts, p)));
    }
}
