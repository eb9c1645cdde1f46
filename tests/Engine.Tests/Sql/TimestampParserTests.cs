using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Sql;

public sealed class TimestampParserTests
{
    [Theory]
    [InlineData("2024-03-01", "2024-03-01T00:00:00")]
    [InlineData("2024-03-01 12:34:56", "2024-03-01T12:34:56")]
    [InlineData("2024-03-01T12:34:56", "2024-03-01T12:34:56")]
    [InlineData("2024-03-01T12:34:56Z", "2024-03-01T12:34:56")]
    [InlineData("2024-03-01 12:34:56.5", "2024-03-01T12:34:56.5")]
    [InlineData("2024-03-01T12:34:56.123456", "2024-03-01T12:34:56.123456")]
    [InlineData("2024-03-01T12:34:56.1234567", "2024-03-01T12:34:56.123456")]
    [InlineData("2024-03-01T12:34:56+02:00", "2024-03-01T10:34:56")]
    [InlineData("1969-12-31 23:59:59", "1969-12-31T23:59:59")]
    [InlineData("2024-02-29", "2024-02-29T00:00:00")]
    [InlineData(" 2024-03-01 ", "2024-03-01T00:00:00")]
    public void TryParse_ValidText_MicrosecondsSinceEpoch(string text, string expected)
    {
        var expectedMicros = (DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal) - DateTime.UnixEpoch).Ticks / 10;

        Assert.True(TimestampParser.TryParse(text, out var micros));
        Assert.Equal(expectedMicros, micros);
        Assert.True(TimestampParser.TryParseUtf8(System.Text.Encoding.UTF8.GetBytes(text), out var utf8Micros));
        Assert.Equal(expectedMicros, utf8Micros);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-3-1")]
    [InlineData("2024-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("2024-03-01 25:00:00")]
    [InlineData("2024-03-01 12:60:00")]
    [InlineData("2024-03-01 12:00:00.")]
    [InlineData("2024-03-01X")]
    [InlineData("hello world")]
    [InlineData("2024-03-01 12:00:00 junk")]
    public void TryParse_InvalidText_False(string text)
    {
        Assert.False(TimestampParser.TryParse(text, out _));
        Assert.False(TimestampParser.TryParseUtf8(System.Text.Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_RoundTripsWithSqlValueFormatting()
    {
        Assert.True(TimestampParser.TryParse("2024-03-01 12:34:56.250000", out var micros));

        Assert.Equal("2024-03-01 12:34:56.25", SqlValue.FromTimestamp(micros).ToInvariantString());
    }
}
