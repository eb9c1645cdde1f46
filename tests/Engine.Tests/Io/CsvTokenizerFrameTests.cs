using System.Text;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

public sealed class CsvTokenizerFrameTests
{
    /// <summary>Random records (plain and quoted fields of 0-80 bytes, escaped quotes, commas and newlines inside quotes, CRLF) framed exactly.</summary>
    [Fact]
    public void Frame_RandomRecords_FieldsAndLengthsExact()
    {
        var random = new Random(11);
        for (var n = 0; n < 20_000; n++)
        {
            var record = new StringBuilder();
            var expected = new List<CsvField>();
            var fieldCount = random.Next(1, 12);
            for (var f = 0; f < fieldCount; f++)
            {
                if (f > 0)
                {
                    record.Append(',');
                }

                var start = record.Length;
                var quoted = random.Next(4) == 0;
                var length = random.Next(0, random.Next(2) == 0 ? 8 : 80);
                if (quoted)
                {
                    record.Append('"');
                    for (var i = 0; i < length; i++)
                    {
                        record.Append(random.Next(10) switch { 0 => "\"\"", 1 => ",", 2 => "\n", 3 => "\r\n", _ => ((char)('a' + random.Next(26))).ToString() });
                    }

                    record.Append('"');
                }
                else
                {
                    for (var i = 0; i < length; i++)
                    {
                        record.Append((char)('a' + random.Next(26)));
                    }
                }

                expected.Add(new CsvField(start, record.Length, quoted));
            }

            var content = Encoding.ASCII.GetBytes(record.ToString()).Length;
            var end = random.Next(2) == 0 ? "\r\n" : "\n";
            var tail = random.Next(3) switch { 0 => "", 1 => "x,y\n", _ => new string('z', random.Next(100)) + ",\"q\n" };
            var data = Encoding.ASCII.GetBytes(record + end + tail);
            var fields = new CsvField[2];

            var status = CsvTokenizer.Frame(data, isFinal: false, ref fields, out var count, out var contentLength, out var recordLength);

            Assert.Equal(FrameStatus.Complete, status);
            Assert.Equal(content, contentLength);
            Assert.Equal(content + end.Length, recordLength);
            Assert.Equal(expected, fields.Take(count));
        }
    }

    [Fact]
    public void Frame_LongUnterminatedQuote_NeedsMoreOrIsUnterminated()
    {
        var data = Encoding.ASCII.GetBytes("a,b,\"" + new string('x', 100) + "\n" + new string('y', 50));
        var fields = new CsvField[2];

        Assert.Equal(FrameStatus.NeedMore, CsvTokenizer.Frame(data, isFinal: false, ref fields, out _, out _, out _));
        Assert.Equal(FrameStatus.Unterminated, CsvTokenizer.Frame(data, isFinal: true, ref fields, out _, out _, out var length));
        Assert.Equal(data.Length, length);
    }
}
