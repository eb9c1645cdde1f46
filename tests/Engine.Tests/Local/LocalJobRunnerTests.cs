using System.Globalization;
using System.IO.Compression;
using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;
using OrleansProc.Engine.WordCount;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.Local;

public sealed class LocalJobRunnerTests : IDisposable
{
    private const int Seed = 42;
    private const long SalesRows = 6_000;
    private const int SalesParts = 3;

    private const string GroupBySql =
        "SELECT country, COUNT(*) AS n, SUM(quantity) AS q, COUNT(amount) AS priced, MIN(amount) AS lo, MAX(amount) AS hi, " +
        "COUNT(DISTINCT comment) AS comments FROM sales GROUP BY country ORDER BY country";

    private const string TotalsSql = "SELECT COUNT(*), SUM(quantity), COUNT(DISTINCT comment), MAX(user_id) FROM sales";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<long, int> PartitionSizes() => new()
    {
        { 1024, 1 },
        { 1024, 4 },
        { 7_919, 1 },
        { 7_919, 4 },
        { 64 * 1024, 1 },
        { 64 * 1024, 4 },
        { 0, 1 },
        { 0, 4 },
    };

    [Theory]
    [MemberData(nameof(PartitionSizes))]
    public async Task RunAsync_SalesCsv_EqualsLinqForEveryPartitionSizeAndParallelism(long partitionSize, int parallelism)
    {
        var files = await WriteSalesAsync("sales");
        var records = SalesRecords();

        var totals = await RunSqlAsync(TotalsSql, files, partitionSize, parallelism);
        var row = Assert.Single(totals.Table.Rows);
        Assert.Equal(records.Count, row[0].Int64);
        Assert.Equal(records.Sum(r => (long)r.Quantity), row[1].Int64);
        Assert.Equal(records.Select(r => r.Comment).Distinct(StringComparer.Ordinal).Count(), row[2].Int64);
        Assert.Equal(records.Max(r => r.UserId), row[3].Int64);
        Assert.Equal(records.Count, totals.RowsRead);
        Assert.Equal(files.Sum(f => new FileInfo(f).Length), totals.BytesRead);
        Assert.Equal(0, totals.BadRecords);

        var grouped = await RunSqlAsync(GroupBySql, files, partitionSize, parallelism);
        var expected = records
            .GroupBy(r => r.Country, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[]
            {
                g.Key,
                g.LongCount().ToString(CultureInfo.InvariantCulture),
                g.Sum(r => (long)r.Quantity).ToString(CultureInfo.InvariantCulture),
                g.LongCount(r => r.Amount is not null).ToString(CultureInfo.InvariantCulture),
                ((double)g.Min(r => r.Amount)!.Value).ToString("R", CultureInfo.InvariantCulture),
                ((double)g.Max(r => r.Amount)!.Value).ToString("R", CultureInfo.InvariantCulture),
                g.Select(r => r.Comment).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture),
            })
            .ToList();
        Assert.Equal(expected, Text(grouped.Table));

        if (partitionSize == 1024)
        {
            Assert.True(grouped.Partitions > 100, $"{grouped.Partitions} partitions");
        }
    }

    [Fact]
    public async Task RunAsync_DefaultPartitionSizeOnOneFile_UsesSeveralPartitions()
    {
        var file = _folder.File("big.csv");
        await using (var stream = File.Create(file))
        {
            await SalesDataGenerator.WriteCsvAsync(stream, 60_000, Seed, 0);
        }

        var length = new FileInfo(file).Length;
        Assert.True(length > 4 << 20, $"{length} bytes");
        var result = await RunSqlAsync("SELECT COUNT(*) FROM t", [file], partitionSize: 0, parallelism: 2);
        Assert.Equal(60_000, result.Table.Rows[0][0].Int64);
        Assert.Equal((length + (1 << 20) - 1) / (1 << 20), result.Partitions);
    }

    [Fact]
    public async Task RunAsync_LongQuotedMultilineFields_RescansAndCountsExactly()
    {
        // Bodies are quoted and span many lines that look like records of the same shape, so a range that starts
        // inside one parses "fine" under the wrong guess: only the parity check can tell.
        var random = new Random(7);
        var text = new StringBuilder("id,body,n\n");
        long expectedSum = 0;
        const int Rows = 300;
        for (var i = 0; i < Rows; i++)
        {
            text.Append(i).Append(",\"");
            var lines = random.Next(0, 40);
            for (var l = 0; l < lines; l++)
            {
                text.Append(random.Next(1000)).Append(",fake ").Append(l);
                text.Append(random.Next(3) == 0 ? string.Empty : "," + random.Next(100).ToString(CultureInfo.InvariantCulture));
                text.Append(random.Next(4) == 0 ? " \"\"quoted\"\"" : string.Empty).Append(random.Next(5) == 0 ? "\r\n" : "\n");
            }

            var n = random.Next(1, 100);
            expectedSum += n;
            text.Append("end\",").Append(n).Append('\n');
        }

        var file = _folder.Write("multiline.csv", text.ToString());
        var result = await RunSqlAsync("SELECT COUNT(*), SUM(n), COUNT(DISTINCT id) FROM t", [file], partitionSize: 700, parallelism: 4);

        Assert.True(result.Rescans > 0, "expected ranges scanned again");
        Assert.Equal([Rows, expectedSum, Rows], result.Table.Rows[0].Select(v => v.Int64));
        Assert.Equal(Rows, result.RowsRead);

        // Under a wrong guess some ranges meet bad records (two-field lines); those attempts are discarded.
        var skipping = await RunSqlAsync("SELECT COUNT(*), SUM(n) FROM t", [file], partitionSize: 700, parallelism: 2, skipBadRecords: true);
        Assert.Equal([Rows, expectedSum], skipping.Table.Rows[0].Select(v => v.Int64));
        Assert.Equal(0, skipping.BadRecords);
        Assert.Empty(skipping.BadRecordSamples);
        Assert.Equal(result.Rescans, skipping.Rescans);
    }

    [Theory]
    [InlineData(1_000_000L)]
    [InlineData(4_096L)]
    public async Task RunAsync_BadRecord_ThrowsNamingFileAndLine(long partitionSize)
    {
        var (file, line) = WriteSalesWithBadRecord(badAt: 1_500);
        var e = await Assert.ThrowsAsync<BadRecordException>(() => RunSqlAsync("SELECT COUNT(*) FROM t", [file], partitionSize, parallelism: 4));
        Assert.Equal(file, e.Record.Source);
        Assert.Equal(line, e.Record.Line);
        Assert.Contains($"{file}, line {line}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadRecordSkipped_CountsAndSamplesIt()
    {
        var (file, line) = WriteSalesWithBadRecord(badAt: 1_500);
        var result = await RunSqlAsync("SELECT COUNT(*) FROM t", [file], partitionSize: 4_096, parallelism: 4, skipBadRecords: true);
        Assert.Equal(3_000, result.Table.Rows[0][0].Int64);
        Assert.Equal(1, result.BadRecords);
        var sample = Assert.Single(result.BadRecordSamples);
        Assert.Equal(file, sample.Source);
        Assert.Equal(line, sample.Line);
    }

    [Fact]
    public async Task RunAsync_BadRecordsInSeveralFiles_ThrowsTheFirstInInputOrder()
    {
        var good = await WriteSalesAsync("order");
        var (bad1, line1) = WriteSalesWithBadRecord(badAt: 2_000, name: "order/z-1.csv");
        var (bad2, _) = WriteSalesWithBadRecord(badAt: 10, name: "order/z-2.csv");
        var e = await Assert.ThrowsAsync<BadRecordException>(() => RunSqlAsync("SELECT COUNT(*) FROM t", [bad2, .. good, bad1], 2_048, parallelism: 4));
        Assert.Equal(bad1, e.Record.Source);
        Assert.Equal(line1, e.Record.Line);
    }

    [Fact]
    public async Task RunAsync_GzipFiles_EqualsLinq()
    {
        var files = new List<string>();
        for (var part = 0; part < 2; part++)
        {
            var path = _folder.File($"gz/sales-{part}.csv.gz");
            await using var raw = File.Create(path);
            await using var gzip = new GZipStream(raw, CompressionLevel.Fastest);
            await SalesDataGenerator.WriteCsvAsync(gzip, SalesDataGenerator.RowsInPart(5_000, 2, part), Seed, part);
        }

        files.AddRange(LocalJobRunner.ExpandPaths(Path.Join(_folder.Path, "gz", "*.csv.gz")));
        var records = Enumerable.Range(0, 2).SelectMany(p => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(5_000, 2, p), Seed, p)).ToList();

        // The files are far larger than the partition size, but gzip is never cut.
        var result = await RunSqlAsync("SELECT COUNT(*), SUM(quantity) FROM t", files, partitionSize: 1_024, parallelism: 2);
        Assert.Equal([records.Count, records.Sum(r => (long)r.Quantity)], result.Table.Rows[0].Select(v => v.Int64));
        Assert.Equal(2, result.Partitions);
    }

    [Fact]
    public async Task RunAsync_JsonLines_EqualsExpected()
    {
        var text = new StringBuilder();
        var expected = new SortedDictionary<string, (long Count, long Sum)>(StringComparer.Ordinal);
        var random = new Random(3);
        for (var i = 0; i < 2_000; i++)
        {
            var user = "u" + random.Next(7);
            var n = random.Next(-50, 50);
            text.Append(CultureInfo.InvariantCulture, $"{{\"user\":\"{user}\",\"n\":{n},\"note\":\"line\\nbreak {i}\"}}\n");
            if (i % 100 == 0)
            {
                text.Append('\n');
            }

            var (count, sum) = expected.GetValueOrDefault(user);
            expected[user] = (count + 1, sum + n);
        }

        var file = _folder.Write("events.jsonl", text.ToString());
        var result = await RunSqlAsync("SELECT user, COUNT(*), SUM(n) FROM t GROUP BY user ORDER BY user", [file], partitionSize: 3_000, parallelism: 4);
        Assert.Equal(
            expected.Select(kv => new[] { kv.Key, kv.Value.Count.ToString(CultureInfo.InvariantCulture), kv.Value.Sum.ToString(CultureInfo.InvariantCulture) }),
            Text(result.Table));
        Assert.True(result.Partitions > 10);
        Assert.Equal(0, result.Rescans);
    }

    [Fact]
    public async Task RunAsync_TextWordCount_EqualsExpected()
    {
        var words = new[] { "alpha", "beta", "gamma", "delta", "epsilon" };
        var text = new StringBuilder();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var random = new Random(5);
        for (var line = 0; line < 3_000; line++)
        {
            var n = random.Next(0, 6);
            for (var w = 0; w < n; w++)
            {
                var word = words[random.Next(words.Length) % (1 + (line % words.Length))];
                text.Append(w == 0 ? string.Empty : " ").Append(w % 2 == 0 ? word : word.ToUpperInvariant());
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }

            text.Append('\n');
        }

        var file = _folder.Write("book.txt", text.ToString());
        var runner = new LocalJobRunner();
        var result = await runner.RunAsync(new LocalJob
        {
            Files = [file],
            Processor = ProcessorSpec.WordCount("line", 3),
            PartitionSize = 2_000,
            DegreeOfParallelism = 4,
        });

        var expected = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(3)
            .Select(kv => new[] { kv.Key, kv.Value.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(expected, Text(result.Table));
        Assert.Equal(3_000, result.RowsRead);

        var lines = await RunSqlAsync("SELECT COUNT(*) FROM t WHERE line = ''", [file], 2_000, 4);
        Assert.Equal(text.ToString().Split('\n').SkipLast(1).Count(l => l.Length == 0), lines.Table.Rows[0][0].Int64);
    }

    [Fact]
    public async Task RunAsync_TransformWithOutputDirectory_WritesPartsAndPreviewInFileOrder()
    {
        var files = await WriteSalesAsync("transform");
        var records = SalesRecords();
        var output = Path.Join(_folder.Path, "out");
        var progress = new ListProgress();

        var result = await new LocalJobRunner().RunAsync(
            new LocalJob
            {
                Files = files,
                Processor = ProcessorSpec.Query("SELECT user_id, quantity FROM sales WHERE quantity > 15"),
                PartitionSize = 8_000,
                DegreeOfParallelism = 4,
                OutputDirectory = output,
            },
            progress);

        var expected = records.Where(r => r.Quantity > 15).ToList();
        Assert.Equal(expected.Count, result.Table.TotalRows);
        Assert.Equal(
            expected.Take(result.Table.Rows.Count).Select(r => new[] { r.UserId.ToString(CultureInfo.InvariantCulture), r.Quantity.ToString(CultureInfo.InvariantCulture) }),
            Text(result.Table));
        Assert.NotEmpty(result.Table.Rows);

        var parts = Directory.GetFiles(output, "part-*.csv").Order(StringComparer.Ordinal).ToList();
        Assert.InRange(parts.Count, 1, result.Partitions);
        Assert.Equal(Path.Join(output, "part-000000.csv"), parts[0]);
        var written = parts.SelectMany(p => File.ReadAllLines(p).Skip(1)).ToList();
        Assert.Equal(expected.Select(r => $"{r.UserId},{r.Quantity}"), written);
        Assert.All(parts, p => Assert.Equal("user_id,quantity", File.ReadLines(p).First()));

        var last = progress.Reports[^1];
        Assert.Equal(new LocalProgress(result.Partitions, result.Partitions, result.RowsRead, result.BytesRead), last);
        Assert.Equal(result.Partitions, progress.Reports.Count(r => r.PartitionsDone > 0) - result.Rescans);
    }

    [Fact]
    public async Task RunAsync_TransformMatchingFewPartitions_LeavesNoFileForEmptyPartitions()
    {
        var files = await WriteSalesAsync("sparse");
        var records = SalesRecords();
        var user = records[records.Count / 2].UserId;
        var output = Path.Join(_folder.Path, "sparse-out");

        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = files,
            Processor = ProcessorSpec.Query($"SELECT user_id, quantity FROM sales WHERE user_id = {user}"),
            PartitionSize = 4_096,
            DegreeOfParallelism = 2,
            OutputDirectory = output,
        });

        var expected = records.Where(r => r.UserId == user).Select(r => $"{r.UserId},{r.Quantity}").ToList();
        var parts = Directory.GetFiles(output, "part-*.csv").Order(StringComparer.Ordinal).ToList();
        Assert.True(result.Partitions > parts.Count, $"{result.Partitions} partitions, {parts.Count} part files");
        Assert.InRange(parts.Count, 1, expected.Count);
        Assert.All(parts, p => Assert.Equal("user_id,quantity", File.ReadLines(p).First()));
        Assert.Equal(expected, parts.SelectMany(p => File.ReadAllLines(p).Skip(1)).ToList());
    }

    [Fact]
    public async Task RunAsync_TransformFailsOnBadRecord_DeletesItsPartFiles()
    {
        var (file, _) = WriteSalesWithBadRecord(badAt: 2_500);
        var output = Path.Join(_folder.Path, "failed-out");
        await Assert.ThrowsAsync<BadRecordException>(() => new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = [file],
            Processor = ProcessorSpec.Query("SELECT user_id FROM t"),
            PartitionSize = 4_096,
            DegreeOfParallelism = 2,
            OutputDirectory = output,
        }));
        Assert.Empty(Directory.GetFiles(output));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        var files = await WriteSalesAsync("cancel");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LocalJobRunner().RunAsync(
            new LocalJob { Files = files, Processor = ProcessorSpec.Query("SELECT COUNT(*) FROM t") },
            cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task RunAsync_TransformWithoutOutputDirectory_CountsAndPreviews()
    {
        var files = await WriteSalesAsync("preview");
        var result = await RunSqlAsync("SELECT country FROM t WHERE country = 'DE'", files, 4_000, 4);
        Assert.Equal(SalesRecords().Count(r => r.Country == "DE"), result.Table.TotalRows);
        Assert.All(result.Table.Rows, r => Assert.Equal("DE", r[0].Text));
    }

    [Fact]
    public async Task RunAsync_FromQuotedPath_RunsOverTheGlob()
    {
        await WriteSalesAsync("fromglob");
        var query = SqlParser.Parse($"SELECT COUNT(*) FROM '{Path.Join(_folder.Path, "fromglob", "*.csv").Replace("'", "''", StringComparison.Ordinal)}'");
        Assert.True(query.FromIsPath);
        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = LocalJobRunner.ExpandPaths(query.From),
            Processor = ProcessorSpec.Query(query.Text),
        });
        Assert.Equal(SalesRows, result.Table.Rows[0][0].Int64);
    }

    [Fact]
    public async Task RunAsync_GivenSchemaAndFormat_UsesThem()
    {
        var file = _folder.Write("data.dat", "a,b\n1,x\n2,y\n");
        var schema = new TableSchema([new ColumnSchema("a", SqlType.Varchar), new ColumnSchema("b", SqlType.Varchar)]);
        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = [file],
            Format = DataFormat.Csv,
            Schema = schema,
            Processor = ProcessorSpec.Query("SELECT MAX(a) FROM t"),
        });
        Assert.Equal(SqlValue.FromText("2"), result.Table.Rows[0][0]);
    }

    [Fact]
    public async Task RunAsync_MixedFormats_ThrowsArgumentException()
    {
        var csv = _folder.Write("mixed/a.csv", "a\n1\n");
        var json = _folder.Write("mixed/b.jsonl", "{\"a\":1}\n");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => RunSqlAsync("SELECT COUNT(*) FROM t", [csv, json], 0, 1));
        Assert.Contains("mixes formats", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LocalJobRunner.DetectFormat([_folder.Write("x.orc", "")]));
    }

    [Theory]
    [InlineData("a.csv", DataFormat.Csv)]
    [InlineData("a.CSV.gz", DataFormat.Csv)]
    [InlineData("a.json", DataFormat.Jsonl)]
    [InlineData("a.ndjson.gz", DataFormat.Jsonl)]
    [InlineData("a.jsonl", DataFormat.Jsonl)]
    [InlineData("a.log", DataFormat.Text)]
    [InlineData("a.txt.gz", DataFormat.Text)]
    [InlineData("a.Parquet", DataFormat.Parquet)]
    [InlineData("a.gz", null)]
    [InlineData("a", null)]
    public void FormatOf_Extension_GivesFormat(string name, DataFormat? expected) =>
        Assert.Equal(expected, DataFormats.FromName(name));

    [Theory]
    [InlineData(0L, 2, 1L << 20)]
    [InlineData(200L << 20, 2, 25L << 20)]
    [InlineData((200L << 20) + 1, 2, (25L << 20) + 1)]
    [InlineData(1L << 30, 2, 64L << 20)]
    [InlineData(10L << 20, 4, 1L << 20)]
    public void DefaultPartitionSize_ScalesWithInputAndCores(long total, int cores, long expected) =>
        Assert.Equal(expected, RangeCutter.DefaultPartitionSize(total, cores));

    private static List<SalesRecord> SalesRecords() =>
        [.. Enumerable.Range(0, SalesParts).SelectMany(p => SalesDataGenerator.Records(SalesDataGenerator.RowsInPart(SalesRows, SalesParts, p), Seed, p))];

    private static List<string[]> Text(ResultTable table) =>
        [.. table.Rows.Select(r => r.Select(v => v.ToInvariantString() ?? "NULL").ToArray())];

    private static Task<LocalRunResult> RunSqlAsync(string sql, IReadOnlyList<string> files, long partitionSize, int parallelism, bool skipBadRecords = false) =>
        new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = files,
            Processor = ProcessorSpec.Query(sql),
            PartitionSize = partitionSize > 0 ? partitionSize : null,
            DegreeOfParallelism = parallelism,
            SkipBadRecords = skipBadRecords,
        });

    private async Task<IReadOnlyList<string>> WriteSalesAsync(string folder)
    {
        for (var part = 0; part < SalesParts; part++)
        {
            await using var stream = File.Create(_folder.File($"{folder}/sales-{part}.csv"));
            await SalesDataGenerator.WriteCsvAsync(stream, SalesDataGenerator.RowsInPart(SalesRows, SalesParts, part), Seed, part);
        }

        return LocalJobRunner.ExpandPaths(Path.Join(_folder.Path, folder));
    }

    /// <summary>3,000 sales rows with a record of the wrong field count before row <paramref name="badAt"/>; returns the file and that record's line.</summary>
    private (string File, long Line) WriteSalesWithBadRecord(int badAt, string name = "bad.csv")
    {
        var text = new StringBuilder(SalesDataGenerator.Header).Append('\n');
        long line = 0;
        var i = 0;
        foreach (var record in SalesDataGenerator.Records(3_000, Seed, 9))
        {
            if (i++ == badAt)
            {
                line = 1 + text.ToString().Count(c => c == '\n');
                text.Append("2024-03-01T00:00:00Z,17,oops\n");
            }

            text.Append(SalesDataGenerator.ToCsvLine(record));
        }

        return (_folder.Write(name, text.ToString()), line);
    }

    private sealed class ListProgress : IProgress<LocalProgress>
    {
        public List<LocalProgress> Reports { get; } = [];

        public void Report(LocalProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }
}
