using System.Text;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.Reference;

/// <summary>
/// WHERE filters on VARCHAR columns that the column-batch path tests on the fields' bytes (equality, IN, LIKE
/// prefix/suffix/contains) and the LIKE patterns that take the general path, against DuckDB over the same files:
/// quoted fields with commas, quotes and line breaks, a BOM, CR LF and LF mixed, non-ASCII text, NULLs, literals that
/// differ only after their first bytes, lists with duplicates; whole files and many small partitions.
/// </summary>
public sealed class StringFilterOracleTests : IDisposable
{
    private const string Aggregates = "SELECT COUNT(*) AS c, SUM(qty) AS s, AVG(price) AS a FROM t";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> ItemQueries() => new()
    {
        $"{Aggregates} WHERE category = 'books'",
        $"{Aggregates} WHERE 'books' = category",
        $"{Aggregates} WHERE category <> 'books'",
        $"{Aggregates} WHERE category = 'boo'",
        $"{Aggregates} WHERE category = 'bookstore'",
        $"{Aggregates} WHERE category = 'booka'",
        $"{Aggregates} WHERE category = 'b,ooks'",
        $"{Aggregates} WHERE category = 'a\"b'",
        $"{Aggregates} WHERE category = 'a\"bc'",
        $"{Aggregates} WHERE category = 'café'",
        $"{Aggregates} WHERE category = 'cafe'",
        $"{Aggregates} WHERE category = 'livres d''été'",
        $"{Aggregates} WHERE category = ''",
        $"{Aggregates} WHERE name = 'Book A'",
        $"{Aggregates} WHERE name = 'multi\nline'",
        $"{Aggregates} WHERE name = 'Atlas \"World\"'",
        $"{Aggregates} WHERE category = 'books' AND qty >= 3",
        $"{Aggregates} WHERE category = 'books' AND name <> 'Book A' AND price < 9.5",
        $"{Aggregates} WHERE category IN ('books', 'maps', 'books', 'café', 'nothing')",
        $"{Aggregates} WHERE category NOT IN ('books', 'maps', 'maps')",
        $"{Aggregates} WHERE category IN ('books', NULL)",
        $"{Aggregates} WHERE NOT (category IN ('books', 'a\"b'))",
        $"{Aggregates} WHERE category LIKE 'boo%'",
        $"{Aggregates} WHERE category LIKE '%oks'",
        $"{Aggregates} WHERE category LIKE '%oo%'",
        $"{Aggregates} WHERE category LIKE '%é%'",
        $"{Aggregates} WHERE category LIKE '%\"%'",
        $"{Aggregates} WHERE category LIKE 'books'",
        $"{Aggregates} WHERE category LIKE '%'",
        $"{Aggregates} WHERE category NOT LIKE 'b%'",
        $"{Aggregates} WHERE name LIKE '%line%'",
        $"{Aggregates} WHERE category LIKE 'b_oks'",
        $"{Aggregates} WHERE category LIKE '_af_'",
        $"{Aggregates} WHERE category LIKE '%o_s'",
        $"{Aggregates} WHERE category LIKE 'b%s'",
        $"{Aggregates} WHERE category ILIKE 'BOOKS'",
        $"{Aggregates} WHERE category < 'c'",
        "SELECT category, COUNT(*) AS c, SUM(qty) AS s FROM t WHERE category LIKE '%o%' GROUP BY category",
        "SELECT category, COUNT(*) AS c, MAX(price) AS m FROM t WHERE category IN ('books', 'café', 'cafe') AND name <> 'q' GROUP BY category",
        "SELECT category, COUNT(*) AS c FROM t WHERE name NOT LIKE '%1' GROUP BY category",
    };

    [Theory]
    [MemberData(nameof(ItemQueries))]
    public async Task Query_StringFilterOverAwkwardCsv_AgreesWithDuckDb(string sql)
    {
        var file = WriteItems();

        await AssertSameAsync(sql, file, "{'name': 'VARCHAR', 'category': 'VARCHAR', 'qty': 'BIGINT', 'price': 'DOUBLE'}", partitionSize: 23);
    }

    [Theory]
    [InlineData("SELECT COUNT(*) AS c, SUM(unit_price) AS s, AVG(quantity) AS a FROM t WHERE category = 'Books'")]
    [InlineData("SELECT status, COUNT(*) AS c, SUM(unit_price) AS s FROM t WHERE country IN ('Germany', 'France', 'Spain', 'Côte d''Ivoire', 'Korea, Republic of') GROUP BY status")]
    [InlineData("SELECT COUNT(*) AS c, SUM(quantity) AS s FROM t WHERE customer LIKE '%ü%'")]
    [InlineData("SELECT country, COUNT(*) AS c, SUM(quantity) AS s FROM t WHERE customer LIKE 'J%' AND category <> 'Books' GROUP BY country")]
    [InlineData("SELECT country, COUNT(*) AS c FROM t WHERE product LIKE '%,%' OR product LIKE '%\"%' GROUP BY country")]
    [InlineData("SELECT country, COUNT(*) AS c, AVG(unit_price) AS a FROM t WHERE product LIKE '%\"' GROUP BY country")]
    public async Task Query_StringFilterOverOrdersExport_AgreesWithDuckDb(string sql)
    {
        var files = new List<string>();
        for (var part = 0; part < 2; part++)
        {
            var path = _folder.File($"export/orders-{part}.csv");
            await using var stream = File.Create(path);
            await ExportDataGenerator.WriteCsvAsync(stream, 6_000, seed: 7, part);
            files.Add(path);
        }

        var glob = Path.Combine(Path.GetDirectoryName(files[0])!, "*.csv");
        var columns = "{" + string.Join(", ", ExportDataGenerator.SchemaSpec.Split(',', StringSplitOptions.TrimEntries).Select(c => c.Split(' ')).Select(p => $"'{p[0]}': '{p[1]}'")) + "}";
        await AssertSameAsync(sql, glob, columns, partitionSize: 30_000);
    }

    /// <summary>
    /// DuckDB over the file with the dialect given (its sniffer gives up on mixed line ends and stray quotes) against
    /// the Engine over the whole files and over partitions of <paramref name="partitionSize"/> bytes.
    /// </summary>
    private static async Task AssertSameAsync(string sql, string file, string columns, long partitionSize)
    {
        var reader = $"read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header=true, delim=',', quote='\"', escape='\"', strict_mode=false, columns={columns})";
        var expected = DuckDbOracle.Query(sql, "t", reader);
        Assert.NotEmpty(expected);
        foreach (var size in new long?[] { null, partitionSize })
        {
            var actual = await DuckDbOracle.RunEngineAsync(sql, file, size);
            DuckDbOracle.AssertSameRows(sql, expected, actual, ordered: false);
        }
    }

    /// <summary>A BOM, CR LF and LF mixed, quoted fields with commas, doubled quotes and line breaks, non-ASCII text, NULLs.</summary>
    private string WriteItems()
    {
        var text = string.Concat(
            "name,category,qty,price\r\n",
            "Book A,books,2,10.5\r\n",
            "\"Book, B\",books,3,1.25\n",
            "\"Atlas \"\"World\"\"\",maps,1,\n",
            "x,\"a\"\"b\",4,2.0\r\n",
            "y,\"a\"\"bc\",5,3.0\n",
            "z,bookstore,6,7.0\n",
            "w,boo,7,8.0\n",
            "v,booka,7,8.5\r\n",
            "\"multi\nline\",books,8,9.0\r\n",
            "é1,café,9,1.0\n",
            "é2,cafe,10,2.0\n",
            "n1,,11,3.0\n",
            "n2,Books,12,4.0\n",
            "\"q\",books,,5.0\n",
            "\"Zoë \"\"Z\"\"\",livres d'été,13,6.0\n",
            "m,\"b,ooks\",14,1.0\n",
            "\"u\",\"books\",15,1.5\r\n",
            "k,\"line\r\nbreak\",16,2.5\n",
            "s,\"books\",,\r\n",
            "t,bo\"oks,17,3.5\n");
        var path = _folder.File("items.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        return path;
    }
}
