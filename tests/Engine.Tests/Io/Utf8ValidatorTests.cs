using System.Text;
using System.Text.Unicode;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

/// <summary><see cref="Utf8Validator"/> gives the runtime's <see cref="Utf8.IsValid"/> answer on every input.</summary>
public sealed class Utf8ValidatorTests
{
    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xC0, 0x80 })] // overlong 2-byte
    [InlineData(new byte[] { 0xC1, 0xBF })]
    [InlineData(new byte[] { 0xC2, 0x80 })]
    [InlineData(new byte[] { 0xE0, 0x80, 0x80 })] // overlong 3-byte
    [InlineData(new byte[] { 0xE0, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a surrogate
    [InlineData(new byte[] { 0xED, 0x9F, 0xBF })]
    [InlineData(new byte[] { 0xF0, 0x80, 0x80, 0x80 })] // overlong 4-byte
    [InlineData(new byte[] { 0xF0, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF })] // U+10FFFF
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    [InlineData(new byte[] { 0xF5, 0x80, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x80 })] // a lone continuation
    [InlineData(new byte[] { 0xC3 })] // cut at the end
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 })]
    [InlineData(new byte[] { 0xC3, 0xA9, 0xA9 })] // one continuation too many
    public void IsValid_EdgeCases_EqualsRuntime(byte[] bytes)
    {
        Assert.Equal(Utf8.IsValid(bytes), Utf8Validator.IsValid(bytes));

        // The same bytes at every position of a 32-byte block and across block ends.
        for (var pad = 1; pad < 70; pad++)
        {
            var padded = Enumerable.Repeat((byte)'a', pad).Concat(bytes).ToArray();
            Assert.Equal(Utf8.IsValid(padded), Utf8Validator.IsValid(padded));
            var between = padded.Concat(Encoding.UTF8.GetBytes("ø, ß and €")).ToArray();
            Assert.Equal(Utf8.IsValid(between), Utf8Validator.IsValid(between));
        }
    }

    [Fact]
    public void IsValid_RandomTextWithRandomDamage_EqualsRuntime()
    {
        var random = new Random(7);
        string[] pieces = ["a", "krø", "ß", "€", "𝄞", "é", ",", "\n", "\"", "日本", "\u00A0", "z"];
        var invalid = 0;
        for (var trial = 0; trial < 20_000; trial++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 40);
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var damage = random.Next(4);
            for (var d = 0; d < damage && bytes.Length > 0; d++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0 && bytes.Length > 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }

            var expected = Utf8.IsValid(bytes);
            invalid += expected ? 0 : 1;
            Assert.True(expected == Utf8Validator.IsValid(bytes), $"trial {trial}: {Convert.ToHexString(bytes)}");
        }

        // Both answers are common, so the comparison means something either way.
        Assert.InRange(invalid, 2_000, 18_000);
    }
}
