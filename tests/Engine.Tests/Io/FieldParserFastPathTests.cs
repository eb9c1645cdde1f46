using System.Globalization;
using System.Text;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

public sealed class FieldParserFastPathTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("12.34")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("0.1")]
    [InlineData("999999999999999")]
    [InlineData("99999999999999.9")]
    [InlineData("0.00000000000001")]
    public void ShortDecimal_SameBitsAsDoubleParse(string text)
    {
        Assert.True(FieldParser.TryParseShortDecimal(Encoding.ASCII.GetBytes(text), out var fast));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(fast));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1e5")]
    [InlineData("1234567890123456")]
    [InlineData("NaN")]
    public void ShortDecimal_LeavesOtherFormsToTheFullParser(string text) =>
        Assert.False(FieldParser.TryParseShortDecimal(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void ShortDecimal_RandomValues_SameBitsAsDoubleParse()
    {
        var random = new Random(7);
        for (var n = 0; n < 200_000; n++)
        {
            var digits = random.Next(1, 16);
            var text = new StringBuilder();
            if (random.Next(4) == 0)
            {
                text.Append('-');
            }

            var dot = random.Next(digits + 1);
            for (var i = 0; i < digits; i++)
            {
                if (i == dot)
                {
                    text.Append('.');
                }

                text.Append((char)('0' + random.Next(10)));
            }

            var s = text.ToString();
            Assert.True(FieldParser.TryParseShortDecimal(Encoding.ASCII.GetBytes(s), out var fast), s);
            Assert.True(BitConverter.DoubleToInt64Bits(double.Parse(s, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(fast), s);
        }
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("999999999999999999", 999999999999999999L)]
    public void Digits_Parse(string text, long expected)
    {
        Assert.True(FieldParser.TryParseDigits(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1 ")]
    [InlineData("1234567890123456789")]
    public void Digits_LeavesOtherFormsToTheFullParser(string text) =>
        Assert.False(FieldParser.TryParseDigits(Encoding.ASCII.GetBytes(text), out _));
}
