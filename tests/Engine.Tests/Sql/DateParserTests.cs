using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Sql;

public sealed class DateParserTests
{
    [Theory]
    [InlineData("1970-01-01", 0L)]
    [InlineData("1969-12-31", -1L)]
    [InlineData(" 2024-02-29 ", 19782L)]
    [InlineData("2024-2-9", 19762L)]
    [InlineData("2024-02-29 23:59:59", 19782L)]
    [InlineData("2024-02-29T10:00:00Z", 19782L)]
    [InlineData("0001-01-01", DateParser.MinDay)]
    [InlineData("9999-12-31", DateParser.MaxDay)]
    public void TryParse_ValidDates_DaysSinceEpoch(string text, long expected)
    {
        Assert.True(DateParser.TryParse(text, out var days));
        Assert.Equal(expected, days);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-01-32")]
    [InlineData("24-01-01")]
    [InlineData("2024/01/01")]
    [InlineData("2024-01-01 25:00")]
    [InlineData("2024-01-01x")]
    [InlineData("2024-001-01")]
    [InlineData("garbage")]
    public void TryParse_InvalidDates_False(string text)
    {
        Assert.False(DateParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData("2024-01-31", true)]
    [InlineData("2024-1-5", true)]
    [InlineData("2024-01-31 10:00", false)]
    [InlineData("2024-02-30", false)]
    [InlineData("20240131", false)]
    public void IsDateOnly_Text_OnlyBareDates(string text, bool expected)
    {
        Assert.Equal(expected, DateParser.IsDateOnly(text));
        Assert.Equal(expected, DateParser.IsDateOnlyUtf8(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData(0L, "1970-01-01")]
    [InlineData(-1L, "1969-12-31")]
    [InlineData(19782L, "2024-02-29")]
    public void Format_Days_IsoDate(long days, string expected)
    {
        Assert.Equal(expected, DateParser.Format(days));
        Assert.Equal(expected, SqlValue.FromDate(days).ToInvariantString());
    }

    [Theory]
    [InlineData(-1L, -1L)]
    [InlineData(0L, 0L)]
    [InlineData(86_399_999_999L, 0L)]
    [InlineData(-86_400_000_001L, -2L)]
    public void DayOf_Micros_FloorsToTheDay(long micros, long expected)
    {
        Assert.Equal(expected, DateParser.DayOf(micros));
    }
}
