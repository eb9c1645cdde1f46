using System.Globalization;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.UserProcessors;
using OrleansProc.Engine.Values;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Tests.UserProcessors;

public sealed class UserProcessorTests : IDisposable
{
    private const long Rows = 9_000;
    private const int Parts = 3;
    private static readonly TableSchema SalesSchema = new(
        [new("ts", SqlType.Timestamp), new("user_id", SqlType.BigInt), new("country", SqlType.Varchar), new("category", SqlType.Varchar),
            new("amount", SqlType.Double), new("quantity", SqlType.BigInt), new("comment", SqlType.Varchar)]);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(null, 4)]
    [InlineData(16_000L, 1)]
    [InlineData(16_000L, 4)]
    public async Task RunAsync_AggregateProcessor_EqualsLinq(long? partitionSize, int parallelism)
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), Rows, Parts);
        var expected = ProcessorPackages.SalesRecords(Rows, Parts)
            .GroupBy(r => r.Country)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (long)g.Count(), g.Sum(r => (double)(r.Amount ?? 0))))
            .ToList();

        var result = await ProcessorPackages.RunAsync(ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "country-totals"), files, partitionSize, parallelism);

        Assert.Equal(["country", "n", "total"], result.Table.ColumnNames());
        Assert.Equal(["VARCHAR", "BIGINT", "DOUBLE"], result.Table.TypeNames());
        Assert.Equal(expected.Count, result.Table.Rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = result.Table.Rows[i];
            Assert.Equal(expected[i].Key, row[0].Text);
            Assert.Equal(expected[i].Item2, row[1].Int64);
            Assert.Equal(expected[i].Item3, row[2].Float64, 1e-6);
        }

        Assert.Equal(Rows, result.RowsRead);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task RunAsync_MapProcessor_WritesTheRowsLinqComputes(string outputFormat)
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), Rows, Parts);
        var output = Path.Join(_folder.Path, "out");
        var spec = ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "big-orders", "min=15") with
        {
            OutputFormat = outputFormat == "parquet" ? DataFormat.Parquet : DataFormat.Csv,
        };
        var expected = ProcessorPackages.SalesRecords(Rows, Parts)
            .Where(r => r.Quantity >= 15)
            .Select(r => Line(r.UserId, r.Country.ToUpperInvariant(), r.Amount is { } a ? (double)a * 2 : null, r.Quantity, r.Amount is { } b && (double)b > 100))
            .Order(StringComparer.Ordinal)
            .ToList();

        var result = await ProcessorPackages.RunAsync(spec, files, 16_000, 4, output);

        Assert.Equal(["user_id", "country", "double_amount", "quantity", "over_100"], result.Table.ColumnNames());
        Assert.Equal(["BIGINT", "VARCHAR", "DOUBLE", "BIGINT", "BOOLEAN"], result.Table.TypeNames());
        Assert.Equal(expected.Count, result.Table.TotalRows);
        Assert.Equal(20, result.Table.Rows.Count);
        var written = outputFormat == "parquet" ? await ReadBackParquetAsync(output) : ReadBackCsv(output);
        Assert.Equal(expected, written.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task RunAsync_ProcessorNamingAnUnknownColumn_FailsNamingItAndTheDatasetsColumns()
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 100, 1);

        var e = await Assert.ThrowsAsync<QueryException>(() => ProcessorPackages.RunAsync(ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "missing-column"), files));

        Assert.Equal(
            "processor missing-column reads the column 'no_such_column', which the dataset does not have; its columns are: ts, user_id, country, category, amount, quantity, comment",
            e.Message);
    }

    [Fact]
    public async Task RunAsync_ProcessorThrows_FailsWithItsNamePartitionAndException()
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 3_000, 1);
        var victim = ProcessorPackages.SalesRecords(3_000, 1)[2_500].UserId;

        var e = await Assert.ThrowsAsync<UserProcessorException>(() => ProcessorPackages.RunAsync(
            ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "thrower", $"fail-at={victim}"), files, parallelism: 1));

        Assert.Equal($"processor thrower failed in partition 0: InvalidOperationException: user {victim} is not welcome", e.Message);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Equal("thrower", e.ProcessorName);
        Assert.Equal(0, e.Partition);
    }

    [Fact]
    public async Task RunAsync_ProcessorThrowsInALaterPartition_NamesThatPartition()
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 3_000, 3);
        var records = ProcessorPackages.SalesRecords(3_000, 3);
        var victim = records.Skip(2_000).GroupBy(r => r.UserId).First(g => records.Count(r => r.UserId == g.Key) == 1).Key;

        var e = await Assert.ThrowsAsync<UserProcessorException>(() => ProcessorPackages.RunAsync(
            ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "thrower", $"fail-at={victim}"), files, partitionSize: 40_000, parallelism: 1));

        Assert.True(e.Partition > 0, $"the user is only in the last file, yet the error names partition {e.Partition}");
        Assert.StartsWith($"processor thrower failed in partition {e.Partition}: InvalidOperationException: user {victim} is not welcome", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RequiredArgumentMissing_FailsNamingTheArgument()
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 100, 1);

        var e = await Assert.ThrowsAsync<UserProcessorException>(() => ProcessorPackages.RunAsync(ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "thrower"), files));

        Assert.Equal("processor thrower failed in partition 0: ProcessorArgumentException: the processor needs the argument 'fail-at' (--arg fail-at=VALUE)", e.Message);
    }

    [Fact]
    public async Task RunAsync_ArgumentOfTheWrongType_FailsNamingTheArgumentAndValue()
    {
        var files = await ProcessorPackages.WriteSalesAsync(Path.Join(_folder.Path, "sales"), 100, 1);

        var e = await Assert.ThrowsAsync<UserProcessorException>(() => ProcessorPackages.RunAsync(ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "big-orders", "min=many"), files));

        Assert.EndsWith("ProcessorArgumentException: the argument 'min=many' is not a valid Int64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ProcessIsolationWithoutAWorkerPool_IsRefused()
    {
        var spec = ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "country-totals") with { Isolation = ProcessorIsolation.Process };

        var e = Assert.Throws<QueryException>(() => new ProcessorFactory().Create(spec, SalesSchema));

        Assert.Contains("--isolation process needs a pool of worker processes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ProcessIsolation_GoesToTheIsolatedFactory()
    {
        var spec = ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "country-totals") with { Isolation = ProcessorIsolation.Process };
        var isolated = new RecordingIsolatedFactory();

        var processor = new ProcessorFactory(isolated).Create(spec, SalesSchema);

        Assert.Same(spec, Assert.Single(isolated.Specs));
        Assert.Equal(["country", "n", "total"], processor.OutputColumns.Select(c => c.Name));
    }

    [Fact]
    public void Partials_WrittenReadBackAndMerged_FinishAsOnePartialWould()
    {
        var processor = ProcessorFactory.Instance.Create(ProcessorPackages.Spec(ProcessorPackages.TestProcessors, "country-totals"), SalesSchema);
        try
        {
            Assert.Equal([false, false, true, false, true, false, false], processor.NeededColumns);
            var first = processor.CreatePartial(null, 0, CancellationToken.None);
            var second = processor.CreatePartial(null, 1, CancellationToken.None);
            var whole = processor.CreatePartial(null, 2, CancellationToken.None);
            for (var i = 0; i < 3_000; i++)
            {
                var row = new SqlValue[7];
                row[2] = SqlValue.FromText(i % 3 == 0 ? "FR" : "DE");
                row[4] = i % 7 == 0 ? SqlValue.Null : SqlValue.FromDouble(i * 0.5);
                (i < 1_100 ? first : second).Accept(row);
                whole.Accept(row);
            }

            first.Complete();
            second.Complete();
            whole.Complete();
            var merged = processor.CreatePartial();
            merged.Merge(RoundTrip(processor, first));
            merged.Merge(RoundTrip(processor, second));

            var expected = processor.Finish(whole).TextRows();
            Assert.Equal(expected, processor.Finish(merged).TextRows());
            var linq = Enumerable.Range(0, 3_000)
                .GroupBy(i => i % 3 == 0 ? "FR" : "DE")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new[] { g.Key, g.Count().ToString(CultureInfo.InvariantCulture), g.Where(i => i % 7 != 0).Sum(i => i * 0.5).ToString("R", CultureInfo.InvariantCulture) });
            Assert.Equal(linq, expected.Select(r => r.Select(v => v!).ToArray()));
        }
        finally
        {
            (processor as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void ArgumentsText_Format_SortsByKeyKeepsTheLastValueAndParsesBack()
    {
        var text = ProcessorArgumentsText.Format([new("rounds", "10"), new("Url", "http://x/?a=b"), new("rounds", "20"), new("empty", "")]);

        Assert.Equal("empty=\nrounds=20\nUrl=http://x/?a=b", text);
        var parsed = ProcessorArgumentsText.Parse(text);
        Assert.Equal(20, parsed.Get("ROUNDS", 0));
        Assert.Equal("http://x/?a=b", parsed.GetRequired<string>("url"));
        Assert.Equal(string.Empty, parsed.GetRequired<string>("empty"));
        Assert.Null(ProcessorArgumentsText.Format([]));
        Assert.Throws<ArgumentException>(() => ProcessorArgumentsText.ParsePair("no-equals"));
    }

    private static IPartial RoundTrip(IPartitionProcessor processor, IPartial partial)
    {
        using var buffer = new MemoryStream();
        partial.WriteTo(buffer);
        buffer.Position = 0;
        return processor.ReadPartial(buffer);
    }

    private static string Line(long user, string country, double? amount, long quantity, bool over) => string.Join(
        ",",
        user.ToString(CultureInfo.InvariantCulture),
        country,
        amount?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
        quantity.ToString(CultureInfo.InvariantCulture),
        over ? "true" : "false");

    private static List<string> ReadBackCsv(string folder)
    {
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.csv"))
        {
            var all = File.ReadAllLines(file);
            Assert.Equal("user_id,country,double_amount,quantity,over_100", all[0]);
            lines.AddRange(all.Skip(1));
        }

        return lines;
    }

    private static async Task<List<string>> ReadBackParquetAsync(string folder)
    {
        var files = Directory.GetFiles(folder, "*.parquet");
        Assert.NotEmpty(files);
        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = files,
            Processor = ProcessorSpec.Query("SELECT user_id, country, double_amount, quantity, over_100 FROM t"),
            OutputDirectory = null,
        });
        Assert.Equal(result.Table.TotalRows, result.RowsRead);
        var csv = Path.Join(folder, "back");
        var again = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = files,
            Processor = ProcessorSpec.Query("SELECT user_id, country, double_amount, quantity, over_100 FROM t"),
            OutputDirectory = csv,
        });
        Assert.Equal(result.Table.TotalRows, again.Table.TotalRows);
        return ReadBackCsv(csv);
    }
}
