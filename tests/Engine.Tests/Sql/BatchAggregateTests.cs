using System.Globalization;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Io;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Values;
using OrleansProc.SampleData;
using static OrleansProc.Engine.Tests.Sql.QueryRunner;

namespace OrleansProc.Engine.Tests.Sql;

/// <summary>
/// The column-batch path of aggregate queries (a CSV scan into <see cref="ColumnBatch"/>, then
/// <see cref="Engine.Sql.Batch.BatchAggregatePlan"/>): the same answers as the row-by-row evaluator over rows built
/// without the CSV parser, and as LINQ over the sales records; bad records still named.
/// </summary>
public sealed class BatchAggregateTests : IDisposable
{
    private const string BenchSql =
        "SELECT country, COUNT(*), SUM(quantity), AVG(amount), MIN(amount), MAX(amount) FROM t WHERE quantity >= 2 GROUP BY country ORDER BY country";

    private static readonly TableSchema s_schema = MakeSchema(
        ("k", SqlType.Varchar), ("i", SqlType.BigInt), ("d", SqlType.Double), ("t", SqlType.Timestamp), ("b", SqlType.Boolean), ("note", SqlType.Varchar));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> BatchQueries() => new()
    {
        "SELECT k, COUNT(*), COUNT(i), SUM(i), AVG(i), COUNT(d), SUM(d), AVG(d), MIN(i), MAX(i), MIN(d), MAX(d), MIN(t), MAX(t), MIN(b), MAX(b) FROM t GROUP BY k",
        "SELECT COUNT(*), SUM(i), AVG(d), MIN(d), MAX(t) FROM t",
        "SELECT k, COUNT(*), SUM(d) FROM t WHERE i >= 3 GROUP BY k",
        "SELECT k, COUNT(*), MAX(d) FROM t WHERE i <> 5 AND d < 50.5 GROUP BY k",
        "SELECT k, COUNT(*), MIN(i) FROM t WHERE 3 < i AND i <= 8 GROUP BY k",
        "SELECT k, COUNT(*) FROM t WHERE i = 7 GROUP BY k",
        "SELECT k, SUM(i) FROM t WHERE i > 9223372036854775807 GROUP BY k",
        "SELECT k, COUNT(d) FROM t WHERE d >= 10.0 AND d <> 20.25 AND i < 9 GROUP BY k",
        "SELECT COUNT(*) FROM t WHERE i < -9223372036854775807",
        "SELECT DISTINCT k FROM t WHERE i > 4",
        "SELECT COUNT(*), SUM(i) FROM t WHERE k = 'say \"hi\"'",
        "SELECT k, COUNT(*), SUM(d) FROM t WHERE k <> 'FR' GROUP BY k",
        "SELECT k, COUNT(*), SUM(d) FROM t WHERE k IN ('a,b', 'née', 'FR', 'FR', '') GROUP BY k",
        "SELECT k, COUNT(*), MAX(t) FROM t WHERE k NOT IN ('x', 'JP') AND i > 2 GROUP BY k",
        "SELECT COUNT(*), MIN(i) FROM t WHERE k LIKE 'n%' AND note LIKE '%, t%'",
        "SELECT k, COUNT(*) FROM t WHERE k LIKE '%e' GROUP BY k",
        "SELECT k, COUNT(*) FROM t WHERE NOT (k LIKE '%\"%') GROUP BY k",
        "SELECT COUNT(*), AVG(d) FROM t WHERE k = ''",
        "SELECT k, COUNT(*) FROM t WHERE k LIKE '%' GROUP BY k",
        "SELECT COUNT(*) FROM t WHERE k IN ('FR', NULL) AND note = 'free, text'",
        "SELECT k, note, COUNT(*), COUNT(note), SUM(i), AVG(d), MIN(d), MAX(d), MIN(t), MAX(b) FROM t GROUP BY k, note",
        "SELECT note, k, COUNT(k), SUM(d), MAX(i) FROM t WHERE i >= 2 AND d < 70.0 GROUP BY note, k",
        "SELECT COUNT(*), MIN(i) FROM t WHERE k <> 'FR' GROUP BY k, note",
        "SELECT k, COUNT(*) FROM t GROUP BY k, k",
    };

    [Theory]
    [InlineData(BenchSql, true)]
    [InlineData("SELECT COUNT(*) FROM t", true)]
    [InlineData("SELECT k, COUNT(DISTINCT i) FROM t GROUP BY k", false)]
    [InlineData("SELECT k, SUM(i + 1) FROM t GROUP BY k", false)]
    [InlineData("SELECT k, COUNT(*) FROM t WHERE i > 2 OR d > 1.0 GROUP BY k", false)]
    [InlineData("SELECT k, COUNT(*) FROM t WHERE note = 'x' GROUP BY k", true)]
    [InlineData("SELECT COUNT(*) FROM t WHERE note IN ('x', 'y') AND note NOT LIKE '%z' AND k <> 'x'", true)]
    [InlineData("SELECT k, COUNT(*) FROM t WHERE note LIKE 'x_' GROUP BY k", false)]
    [InlineData("SELECT k, COUNT(*) FROM t WHERE note LIKE 'x%y' GROUP BY k", false)]
    [InlineData("SELECT k, COUNT(*) FROM t WHERE note ILIKE 'x%' GROUP BY k", false)]
    [InlineData("SELECT k, COUNT(*) FROM t WHERE note < 'x' GROUP BY k", false)]
    [InlineData("SELECT k, COUNT(*) FROM t WHERE note NOT IN ('x', NULL) GROUP BY k", false)]
    [InlineData("SELECT COUNT(note) FROM t WHERE note = 'x'", false)]
    [InlineData("SELECT COUNT(*) FROM t WHERE UPPER(note) = 'X'", false)]
    [InlineData("SELECT i, COUNT(*) FROM t GROUP BY i", false)]
    [InlineData("SELECT k, note, COUNT(*) FROM t GROUP BY k, note", true)]
    [InlineData("SELECT k, note, COUNT(*) FROM t GROUP BY k, note, UPPER(k)", false)]
    [InlineData("SELECT k, i, COUNT(*) FROM t GROUP BY k, i", false)]
    [InlineData("SELECT k, MIN(note) FROM t GROUP BY k", false)]
    [InlineData("SELECT k, SUM(DISTINCT i), AVG(DISTINCT d) FROM t GROUP BY k", false)]
    [InlineData("SELECT k, STDDEV(i), MEDIAN(d), BOOL_OR(b) FROM t GROUP BY k", false)]
    [InlineData("SELECT k, ARG_MIN(i, d) FROM t GROUP BY k", false)]
    [InlineData("SELECT DISTINCT k FROM t", true)]
    public void BatchPlan_QueryShape_OnlyForSupportedShapes(string sql, bool expected)
    {
        var schema = sql == BenchSql ? SalesSchema() : s_schema;
        var processor = (AggregateQueryProcessor)SqlProcessor.Create(sql, schema);

        Assert.Equal(expected, processor.BatchPlan is not null);
    }

    [Theory]
    [MemberData(nameof(BatchQueries))]
    public async Task Scan_RandomTypedCsv_BatchPathEqualsRowEvaluator(string sql)
    {
        var (csv, rows) = RandomTable(rowCount: 3_500, seed: sql.Length);
        var processor = SqlProcessor.Create(sql, s_schema);
        Assert.NotNull(((AggregateQueryProcessor)processor).BatchPlan);

        var partial = processor.CreatePartial();
        var options = ScanHarness.Options(DataFormat.Csv, s_schema) with { NeededColumns = processor.NeededColumns };
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv)))
        {
            var scan = await new RecordScanSession(options, partial, initialBufferSize: 4096).RunAsync(stream, default);
            Assert.Equal(rows.Count, scan.Records);
        }

        var batched = processor.Finish(RoundTrip(processor, partial));
        var expected = Run(processor, rows);
        Assert.Equal(Text(expected), Text(batched));
    }

    [Theory]
    [InlineData("SELECT k, COUNT(*), SUM(i), MIN(d), MAX(d) FROM t GROUP BY k")]
    [InlineData("SELECT k, note, COUNT(*), SUM(i), AVG(d), MAX(t) FROM t WHERE i >= 0 GROUP BY k, note")]
    [InlineData("SELECT note, k, COUNT(*), MIN(i) FROM t GROUP BY note, k")]
    public async Task Scan_ThousandsOfKeys_BatchPathEqualsRowEvaluator(string sql)
    {
        // 3,000 keys and 70 notes, NULLs among both: the code-to-group tables and the states grow many times.
        var csv = new StringBuilder("k,i,d,t,b,note\n");
        var rows = new List<SqlValue[]>();
        for (var r = 0; r < 20_000; r++)
        {
            var key = r % 101 == 0 ? null : "key" + ((r * 7919) % 3_000).ToString(CultureInfo.InvariantCulture);
            var note = r % 37 == 0 ? null : "n" + ((r * 13) % 70).ToString(CultureInfo.InvariantCulture);
            long i = (r % 9) - 2;
            var d = ((r * 31) % 1_000) / 4.0;
            csv.Append(key).Append(',').Append(i).Append(',').Append(d.ToString("R", CultureInfo.InvariantCulture)).Append(",2024-01-01T00:00:").Append((r % 60).ToString("00", CultureInfo.InvariantCulture)).Append("Z,true,").Append(note).Append('\n');
            rows.Add([Varchar(key), SqlValue.FromInt64(i), SqlValue.FromDouble(d), SqlValue.FromTimestamp(1_704_067_200_000_000 + ((r % 60) * 1_000_000L)), SqlValue.FromBool(true), Varchar(note)]);
        }

        var processor = SqlProcessor.Create(sql, s_schema);
        Assert.NotNull(((AggregateQueryProcessor)processor).BatchPlan);
        var partial = processor.CreatePartial();
        var options = ScanHarness.Options(DataFormat.Csv, s_schema) with { NeededColumns = processor.NeededColumns };
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())))
        {
            await new RecordScanSession(options, partial, initialBufferSize: 4096).RunAsync(stream, default);
        }

        var batched = processor.Finish(RoundTrip(processor, partial));
        Assert.Equal(Text(Run(processor, rows)), Text(batched));
        Assert.True(batched.Rows.Count > 2_000);

        static SqlValue Varchar(string? value) => value is null ? SqlValue.Null : SqlValue.FromText(value);
    }

    [Fact]
    public async Task RunAsync_BenchQueryOverSalesCsv_EqualsLinq()
    {
        var files = await WriteSalesAsync(rows: 9_000, parts: 3);
        var records = Enumerable.Range(0, 3).SelectMany(p => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(9_000, 3, p), 42, p)).ToList();

        var result = await RunAsync(BenchSql, files, partitionSize: 50_000);

        var expected = records.Where(r => r.Quantity >= 2).GroupBy(r => r.Country, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, result.Table.Rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = result.Table.Rows[i];
            var group = expected[i];
            var amounts = group.Where(r => r.Amount is not null).Select(r => r.Amount!.Value).ToList();
            Assert.Equal(group.Key, row[0].Text);
            Assert.Equal(group.LongCount(), row[1].Int64);
            Assert.Equal(group.Sum(r => (long)r.Quantity), row[2].Int64);
            var average = (double)(amounts.Sum() / amounts.Count);
            Assert.True(Math.Abs(row[3].Float64 - average) <= 1e-12 * Math.Abs(average), $"{group.Key}: AVG {row[3].Float64} vs {average}");
            Assert.Equal((double)amounts.Min(), row[4].Float64);
            Assert.Equal((double)amounts.Max(), row[5].Float64);
        }
    }

    [Fact]
    public async Task RunAsync_BatchQueryWithBadValue_NamesFileLineAndColumn()
    {
        var text = new StringBuilder(SalesDataGenerator.Header).Append('\n');
        var records = SalesDataGenerator.Records(3_000, 42, 5).ToList();
        long badLine = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (i == 2_100)
            {
                badLine = 1 + text.ToString().Count(c => c == '\n');
                text.Append("2024-03-01T00:00:00Z,17,FR,books,12.50,many,bad quantity\n");
            }

            text.Append(SalesDataGenerator.ToCsvLine(records[i]));
        }

        var file = _folder.Write("bad.csv", text.ToString());

        var error = await Assert.ThrowsAsync<BadRecordException>(() => RunAsync(BenchSql, [file], partitionSize: 0));
        Assert.Equal(file, error.Record.Source);
        Assert.Equal(badLine, error.Record.Line);
        Assert.Contains("column quantity: 'many' is not a BIGINT", error.Record.Reason, StringComparison.Ordinal);

        var skipped = await RunAsync(BenchSql, [file], partitionSize: 0, skipBadRecords: true);
        Assert.Equal(1, skipped.BadRecords);
        Assert.Equal(records.Count(r => r.Quantity >= 2), skipped.Table.Rows.Sum(r => r[1].Int64));
    }

    [Fact]
    public async Task RunAsync_StringFilterWithBadValue_NamesTheRecordWhenItPassesTheFilter()
    {
        var text = new StringBuilder(SalesDataGenerator.Header).Append('\n');
        var records = SalesDataGenerator.Records(3_000, 42, 6).ToList();
        for (var i = 0; i < records.Count; i++)
        {
            if (i == 1_500)
            {
                text.Append("2024-03-01T00:00:00Z,17,FR,books,12.50,many,bad quantity\n");
            }

            text.Append(SalesDataGenerator.ToCsvLine(records[i]));
        }

        var file = _folder.Write("bad-books.csv", text.ToString());

        // The bad record is a book: the filter keeps it, its quantity is parsed, and it is named.
        var error = await Assert.ThrowsAsync<BadRecordException>(() => RunAsync("SELECT COUNT(*), SUM(quantity) FROM t WHERE category = 'books'", [file], partitionSize: 0));
        Assert.Contains("column quantity: 'many' is not a BIGINT", error.Record.Reason, StringComparison.Ordinal);

        // Another category's filter rejects it before its quantity is parsed, as a column the query does not read.
        var toys = records.Where(r => r.Category == "toys").ToList();
        var result = await RunAsync("SELECT COUNT(*), SUM(quantity) FROM t WHERE category = 'toys'", [file], partitionSize: 0);
        Assert.Equal(toys.Count, result.Table.Rows[0][0].Int64);
        Assert.Equal(toys.Sum(r => (long)r.Quantity), result.Table.Rows[0][1].Int64);
        Assert.Equal(0, result.BadRecords);
    }

    private static TableSchema SalesSchema() => MakeSchema(
        ("ts", SqlType.Timestamp), ("user_id", SqlType.BigInt), ("country", SqlType.Varchar), ("category", SqlType.Varchar),
        ("amount", SqlType.Double), ("quantity", SqlType.BigInt), ("comment", SqlType.Varchar));

    /// <summary>
    /// Random rows of <see cref="s_schema"/> as CSV and, built apart from it, as values: NULLs as empty fields, the
    /// empty key as a quoted empty field, quoted keys with commas and quotes, integers near the BIGINT limits, doubles
    /// in several notations (and NaN), booleans in every spelling, notes NULL, empty or one of three texts.
    /// </summary>
    private static (string Csv, List<SqlValue[]> Rows) RandomTable(int rowCount, int seed)
    {
        var random = new Random(seed);
        string[] keys = ["FR", "DE", "née", "a,b", "say \"hi\"", "", "JP", "x"];
        string[] trueWords = ["true", "T", "1", "yes"];
        string[] falseWords = ["false", "f", "0", "NO"];
        var csv = new StringBuilder("k,i,d,t,b,note\n");
        var rows = new List<SqlValue[]>();
        for (var r = 0; r < rowCount; r++)
        {
            var row = new SqlValue[6];
            var fields = new string[6];
            var key = keys[random.Next(keys.Length)];
            if (random.Next(20) == 0)
            {
                (fields[0], row[0]) = (string.Empty, SqlValue.Null);
            }
            else
            {
                var quote = key.Length == 0 || key.Contains(',', StringComparison.Ordinal) || key.Contains('"', StringComparison.Ordinal) || random.Next(4) == 0;
                fields[0] = quote ? "\"" + key.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : key;
                row[0] = SqlValue.FromText(key);
            }

            var integer = random.Next(30) switch
            {
                0 => (long?)null,
                1 => (1L << 52) - random.Next(3),
                2 => -(1L << 52) + random.Next(3),
                3 => -random.Next(100),
                _ => random.Next(12),
            };
            fields[1] = integer?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            row[1] = integer is { } l ? SqlValue.FromInt64(l) : SqlValue.Null;

            fields[2] = random.Next(25) switch
            {
                0 => string.Empty,
                1 => "NaN",
                2 => "1.5e3",
                3 => "20.25",
                _ => (random.Next(-2_000, 10_000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture),
            };
            row[2] = fields[2].Length == 0 ? SqlValue.Null : SqlValue.FromDouble(double.Parse(fields[2], CultureInfo.InvariantCulture));

            var seconds = random.NextInt64(0, 2_000_000_000L);
            var instant = DateTime.UnixEpoch.AddSeconds(seconds);
            (fields[3], row[3]) = random.Next(15) == 0
                ? (string.Empty, SqlValue.Null)
                : (instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), SqlValue.FromTimestamp(seconds * 1_000_000));

            (fields[4], row[4]) = random.Next(10) switch
            {
                0 => (string.Empty, SqlValue.Null),
                < 5 => (trueWords[random.Next(trueWords.Length)], SqlValue.FromBool(true)),
                _ => (falseWords[random.Next(falseWords.Length)], SqlValue.FromBool(false)),
            };

            (fields[5], row[5]) = random.Next(6) switch
            {
                0 => (string.Empty, SqlValue.Null),
                1 => ("\"\"", SqlValue.FromText(string.Empty)),
                2 => ("x", SqlValue.FromText("x")),
                3 => ("\"y, z\"", SqlValue.FromText("y, z")),
                _ => ("\"free, text\"", SqlValue.FromText("free, text")),
            };
            csv.AppendJoin(',', fields).Append(random.Next(10) == 0 ? "\r\n" : "\n");
            rows.Add(row);
        }

        return (csv.ToString(), rows);
    }

    private static List<string> Text(ResultTable table) =>
        [.. table.Rows.Select(r => string.Join(" | ", r.Select(v => v.ToInvariantString() ?? "NULL"))).Order(StringComparer.Ordinal)];

    private static Task<LocalRunResult> RunAsync(string sql, IReadOnlyList<string> files, long partitionSize, bool skipBadRecords = false) =>
        new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = files,
            Processor = ProcessorSpec.Query(sql),
            PartitionSize = partitionSize > 0 ? partitionSize : null,
            Schema = SalesSchema(),
            DegreeOfParallelism = 2,
            SkipBadRecords = skipBadRecords,
        });

    private async Task<IReadOnlyList<string>> WriteSalesAsync(long rows, int parts)
    {
        for (var part = 0; part < parts; part++)
        {
            await using var stream = File.Create(_folder.File($"sales/sales-{part}.csv"));
            await SalesDataGenerator.WriteCsvAsync(stream, SalesDataGenerator.RowsInPart(rows, parts, part), 42, part);
        }

        return LocalJobRunner.ExpandPaths(Path.Join(_folder.Path, "sales"));
    }
}
