using System.Globalization;
using System.Text;

namespace OrleansProc.SampleData.Tests;

public sealed class ExportDataGeneratorTests
{
    private const int Rows = 50_000;

    [Fact]
    public async Task WriteCsvAsync_SameSeedAndPart_SameBytes()
    {
        Assert.Equal(await Bytes(2_000, 42, 1), await Bytes(2_000, 42, 1));
    }

    [Fact]
    public async Task WriteCsvAsync_OtherSeedOrPart_Differs()
    {
        var a = await Bytes(200, 42, 1);

        Assert.NotEqual(a, await Bytes(200, 43, 1));
        Assert.NotEqual(a, await Bytes(200, 42, 2));
    }

    [Fact]
    public async Task WriteCsvAsync_Start_IsBomThenHeaderEndedByCrLf()
    {
        var bytes = await Bytes(10, 7, 0);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith(ExportDataGenerator.Header + "\r\n1,202", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteCsvAsync_Records_HaveTheShapeOfACommonExport()
    {
        var (records, quotedRecords, crlfRecords) = Parse(await Bytes(Rows, 9, 0));

        Assert.Equal(Rows, records.Count);
        Assert.All(records, r => Assert.Equal(11, r.Length));
        Assert.InRange(quotedRecords, Rows * 0.005, Rows * 0.02);
        Assert.InRange(crlfRecords, Rows * 0.6, Rows * 0.8);
        Assert.Contains(records, r => r[5].Contains(',', StringComparison.Ordinal));
        Assert.Contains(records, r => r[5].Contains('"', StringComparison.Ordinal));
        Assert.Contains(records, r => r[3] == "Korea, Republic of");
        Assert.Contains(records, r => r[10].Contains('\n', StringComparison.Ordinal));
        Assert.InRange(records.Count(r => r[10].Contains('\n', StringComparison.Ordinal)), 1, Rows / 500);
        Assert.InRange(records.Count(r => r[6].Length == 0), Rows * 0.01, Rows * 0.03);
        Assert.InRange(records.Count(r => r[7].Length == 0), 1, Rows * 0.01);
        Assert.InRange(records.Count(r => r[8].Length == 0), Rows * 0.6, Rows * 0.8);
        Assert.InRange(records.Count(r => !Ascii.IsValid(r[2])), Rows * 0.3, Rows * 0.9);
        Assert.Equal(Rows, records.Select(r => r[0]).Distinct().Count());
        Assert.All(records, r => Assert.InRange(DateOnly.ParseExact(r[1], "yyyy-MM-dd", CultureInfo.InvariantCulture).Year, 2023, 2024));
        Assert.All(records.Where(r => r[6].Length > 0), r => Assert.Matches(@"^\d+\.\d\d$", r[6]));
        Assert.Equal(12, records.Select(r => r[4]).Distinct().Count());
        var top = records.GroupBy(r => r[3]).OrderByDescending(g => g.Count()).First();
        Assert.True(top.Count() > Rows / 10, "countries should be skewed");
    }

    [Fact]
    public async Task WriteCsvAsync_LaterPart_NumbersItsOrdersApart()
    {
        var (records, _, _) = Parse(await Bytes(3, 1, 2));

        Assert.Equal(["2000000001", "2000000002", "2000000003"], records.Select(r => r[0]));
    }

    private static async Task<byte[]> Bytes(long rows, int seed, int part)
    {
        using var stream = new MemoryStream();
        await ExportDataGenerator.WriteCsvAsync(stream, rows, seed, part);
        return stream.ToArray();
    }

    /// <summary>An RFC 4180 reader of the whole text: the records after the header, how many held a quoted field, how many ended in CR LF.</summary>
    private static (List<string[]> Records, int Quoted, int Crlf) Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (quoted, crlf, anyQuoted, inQuotes) = (0, 0, false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (ch == '"')
            {
                (inQuotes, anyQuoted) = (true, true);
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                var cr = field.Length > 0 && field[^1] == '\r';
                fields.Add(cr ? field.ToString(0, field.Length - 1) : field.ToString());
                records.Add([.. fields]);
                quoted += anyQuoted ? 1 : 0;
                crlf += cr ? 1 : 0;
                (anyQuoted, fields, field) = (false, [], new StringBuilder());
            }
            else
            {
                field.Append(ch);
            }
        }

        Assert.Equal(ExportDataGenerator.Header, string.Join(',', records[0]));
        return (records.Skip(1).ToList(), quoted, crlf - 1);
    }
}
