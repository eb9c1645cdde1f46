using System.Globalization;
using System.Text;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Tests.Local;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>
/// The word count over CSV against DuckDB's <c>string_split_regex(lower(...), '[^\p{L}]+')</c>: values plain and
/// quoted (with commas, doubled quotes and line breaks), empty and NULL, quoted fields before and after the counted
/// one, words across 32-byte blocks and non-ASCII letters and non-letters at many offsets; the file whole and cut
/// into partitions of many sizes.
/// </summary>
public sealed class WordCountCsvOracleTests : IDisposable
{
    private const string Columns = "{'id': 'BIGINT', 'before': 'VARCHAR', 'text': 'VARCHAR', 'after': 'VARCHAR'}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WordCount_QuotedLineBreaksEmptyFieldsAndNonAscii_AgreesWithDuckDb()
    {
        var file = WriteCsv();
        var reader = $"read_csv('{file}', header=true, delim=',', quote='\"', escape='\"', strict_mode=false, columns={Columns})";
        var sql = "SELECT w AS word, COUNT(*) AS count FROM (SELECT unnest(string_split_regex(lower(text), '[^\\p{L}]+')) AS w FROM t) WHERE w <> '' GROUP BY w ORDER BY count DESC, w";
        var expected = DuckDbOracle.Query(sql, "t", reader);
        Assert.True(expected.Count > 50, $"only {expected.Count} words");

        foreach (var size in new long?[] { null, 7, 64, 333, 4_096 })
        {
            var result = await new LocalJobRunner().RunAsync(new LocalJob
            {
                Files = LocalJobRunner.ExpandPaths(file),
                Processor = ProcessorSpec.WordCount("text", 1_000_000),
                PartitionSize = size,
            });
            DuckDbOracle.AssertSameRows($"{sql} (partitions of {size?.ToString(CultureInfo.InvariantCulture) ?? "the file"})", expected, result.Table, ordered: true);
        }
    }

    /// <summary>Quotes a CSV field when it needs it, or always when <paramref name="force"/>.</summary>
    private static string Field(string value, bool force = false) =>
        force || value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private string WriteCsv()
    {
        string[] texts =
        [
            "Classic Notebook", "Crème Brûlée 3-pack", "Große STRASSE, pack of 4", "Café \"Noir\" 24\"", "",
            "line one\nline TWO\r\nline three", "ÜNÏCÖDÉ ünïcödé ΣΊΣΥΦΟΣ Жук", "日本語のテキスト and english", "x😀y 𝐀bc",
            "e\u0301 combining", "37°36'37.8\"N", "temperature 20°C × 3 · ok", "Istanbul ⱥⱥ Ⱥ",
            new string('a', 31) + "é " + new string('B', 33) + " " + new string('c', 64) + "ü",
            string.Concat(Enumerable.Repeat("wörd ", 40)), "tab\tseparated\twords", "--- ... !!!", "a,b,c",
        ];
        var random = new Random(41);
        var text = new StringBuilder("id,before,text,after\r\n");
        for (var i = 0; i < 400; i++)
        {
            var value = texts[random.Next(texts.Length)];
            if (random.Next(4) == 0)
            {
                // A letter or a non-ASCII character at a random offset of a longer value.
                var filler = string.Concat(Enumerable.Repeat("Lorem ipsum ", 1 + random.Next(6)));
                var at = random.Next(filler.Length + 1);
                value = filler[..at] + texts[random.Next(texts.Length)] + filler[at..];
            }

            var before = random.Next(5) switch
            {
                0 => Field("q, \"before\"", force: true),
                1 => string.Empty,
                _ => "b" + i.ToString(CultureInfo.InvariantCulture),
            };
            var after = random.Next(3) == 0 ? Field("after\nbreak") : "z";
            var field = value.Length == 0 && random.Next(2) == 0 ? "\"\"" : Field(value, force: random.Next(8) == 0);
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(before).Append(',').Append(field).Append(',').Append(after)
                .Append(random.Next(2) == 0 ? "\n" : "\r\n");
        }

        var path = _folder.File("words.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text.ToString())]);
        return path;
    }
}
