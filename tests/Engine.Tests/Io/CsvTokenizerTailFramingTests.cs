using System.Text;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

/// <summary>
/// Framing up to the last needed field (<see cref="CsvTokenizer.Frame(ReadOnlySpan{byte}, bool, CsvDialect, int, ref CsvField[], out int, out int, out int, out int)"/>)
/// against framing every field: the same status, record and field count, the same fields up to the last needed one,
/// and every field it did not split well formed (so a delivery finds the same records bad).
/// </summary>
public sealed class CsvTokenizerTailFramingTests
{
    /// <summary>Random bytes from the CSV specials and text (quotes, doubled quotes, commas, CR, LF, long runs), every last needed field.</summary>
    [Fact]
    public void Frame_LastNeeded_RandomBytes_SameAsFramingEveryField()
    {
        var random = new Random(14);
        string[] pieces = ["a", "bc", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", "é", "x\"y", "\",", "\"\n", "\"\r\n", "\"x"];
        for (var n = 0; n < 6_000; n++)
        {
            var text = new StringBuilder();
            var count = random.Next(1, 40);
            for (var i = 0; i < count; i++)
            {
                text.Append(random.Next(6) == 0 ? new string('t', random.Next(1, 70)) : pieces[random.Next(pieces.Length)]);
            }

            AssertSameAsFullFraming(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    /// <summary>Well-formed records whose later fields are quoted with commas, line breaks, doubled quotes and CR LF, cut at every length.</summary>
    [Fact]
    public void Frame_LastNeeded_QuotedLaterFieldsCutAtEveryLength_SameAsFramingEveryField()
    {
        var random = new Random(15);
        for (var n = 0; n < 300; n++)
        {
            var record = new StringBuilder();
            var fields = random.Next(1, 10);
            for (var f = 0; f < fields; f++)
            {
                if (f > 0)
                {
                    record.Append(',');
                }

                var length = random.Next(0, random.Next(2) == 0 ? 6 : 60);
                if (random.Next(3) == 0)
                {
                    record.Append('"');
                    for (var i = 0; i < length; i++)
                    {
                        record.Append(random.Next(8) switch { 0 => "\"\"", 1 => ",", 2 => "\n", 3 => "\r\n", _ => "q" });
                    }

                    record.Append('"');
                }
                else
                {
                    record.Append(random.Next(5) == 0 ? "37°36'37.8\"N" : new string('p', length));
                }
            }

            record.Append(random.Next(2) == 0 ? "\r\n" : "\n").Append("next,\"record\"\n");
            var data = Encoding.UTF8.GetBytes(record.ToString());
            for (var cut = 0; cut <= data.Length; cut++)
            {
                AssertSameAsFullFraming(data.AsSpan(0, cut).ToArray());
            }
        }
    }

    [Theory]
    [InlineData("a,b,\"c,d\"\"e\nf\",g\r\nrest", 0, 4)]
    [InlineData("a,b,\"c\"x,d\nrest", 0, 4)]
    [InlineData("a,b,c\"d,\"e\"\r\n", 1, 4)]
    [InlineData("\"a\nb\",c,d\n", -1, 3)]
    public void Frame_LastNeeded_Examples_CountsEveryField(string text, int lastNeeded, int expectedFields)
    {
        var fields = new CsvField[1];

        var status = CsvTokenizer.Frame(Encoding.UTF8.GetBytes(text), isFinal: true, CsvDialect.Default, lastNeeded, ref fields, out var fieldCount, out var splitCount, out _, out _);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(expectedFields, fieldCount);
        Assert.InRange(splitCount, lastNeeded + 1, fieldCount);
    }

    private static void AssertSameAsFullFraming(byte[] data)
    {
        foreach (var isFinal in new[] { false, true })
        {
            var full = new CsvField[4];
            var fullStatus = CsvTokenizer.Frame(data, isFinal, CsvDialect.Default, ref full, out var fullCount, out var fullContent, out var fullLength);
            for (var lastNeeded = -1; lastNeeded <= fullCount; lastNeeded++)
            {
                var fields = new CsvField[1];
                var status = CsvTokenizer.Frame(data, isFinal, CsvDialect.Default, lastNeeded, ref fields, out var count, out var split, out var content, out var length);
                var where = $"{Encoding.UTF8.GetString(data).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)} (final {isFinal}, last needed {lastNeeded})";
                Assert.True(fullStatus == status, $"status {status}, expected {fullStatus}: {where}");
                Assert.True(fullLength == length, $"record length {length}, expected {fullLength}: {where}");
                if (status != FrameStatus.Complete)
                {
                    continue;
                }

                Assert.True(fullCount == count && fullContent == content, $"{count} fields and {content} bytes, expected {fullCount} and {fullContent}: {where}");
                Assert.True(split >= Math.Min(lastNeeded + 1, count) && split <= count, $"split {split}: {where}");
                Assert.True(full.AsSpan(0, split).SequenceEqual(fields.AsSpan(0, split)), $"the split fields differ: {where}");
                var scratch = new byte[16];
                for (var i = split; i < count; i++)
                {
                    var field = full[i];
                    Assert.True(
                        CsvTokenizer.TryGetValue(data.AsSpan(field.Start, field.End - field.Start), field.HasQuote, ref scratch, out _, out _, out _),
                        $"field {i} was not split and is malformed: {where}");
                }
            }
        }
    }
}
