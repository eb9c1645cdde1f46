using System.Globalization;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Parquet.Decoding;
using OrleansProc.Engine.Tests.Reference;
using ParquetSharp;

namespace OrleansProc.Engine.Tests.Parquet;

/// <summary>
/// The gather of a filtered column batch (only the rows a string filter kept decoded, straight into the front of the
/// held vectors): the rows delivered compared with LINQ over the values written, and the aggregates with DuckDB, on
/// files written by ParquetSharp with small pages (several per batch), NULLs in the filter and the held columns,
/// dictionary and PLAIN pages (and a dictionary falling back to PLAIN mid-chunk), data pages v1 and v2, batches in
/// which the filter keeps no row, some rows and every row; through the managed decoder and ParquetSharp's reader.
/// </summary>
public sealed class ParquetGatherTests : IDisposable
{
    private const int N = 30_000;
    private const int GroupRows = 10_000;

    /// <summary>Numbers and booleans held, the filter column not.</summary>
    private const string FilterOnly = "SELECT COUNT(*) AS n, SUM(i32) AS a, SUM(i64) AS b, SUM(d) AS d, MAX(b) AS c, MIN(b) AS e, SUM(f) AS f FROM t WHERE k = 'keep'";

    /// <summary>A string held (the GROUP BY key, gathered as codes), the filter column not.</summary>
    private const string StringKey = "SELECT s, COUNT(*) AS n, SUM(i32) AS a, SUM(d) AS d FROM t WHERE k = 'keep' GROUP BY s";

    /// <summary>The filter column held (the GROUP BY key, read whole and compacted), the rest gathered.</summary>
    private const string HeldFilter = "SELECT k, COUNT(*) AS n, SUM(i32) AS a, SUM(d) AS d, MIN(b) AS lo FROM t WHERE k IN ('keep', 'v-3', 'Zürich') GROUP BY k";

    /// <summary>A filter column not held and a held one.</summary>
    private const string TwoFilters = "SELECT s, COUNT(*) AS n, SUM(i64) AS b FROM t WHERE k <> 'drop' AND s LIKE 'name-1%' GROUP BY s";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// The filter column <c>k</c> per row of a row group: 'keep' on the first 2,100 rows (two whole batches pass),
    /// then 'drop' or NULL on the next 2,100 (a whole batch fails), then a mix (some rows of each batch pass).
    /// </summary>
    private static readonly string?[] Kinds = [.. Enumerable.Range(0, N).Select(i => (i % GroupRows) switch
    {
        < 2100 => "keep",
        < 4200 => i % 2 == 0 ? null : "drop",
        _ when i % 7 == 0 => null,
        _ when i % 3 == 0 => "keep",
        _ when i % 11 == 0 => "Zürich",
        _ => $"v-{i % 40}",
    })];

    private static readonly int?[] Int32s = [.. Enumerable.Range(0, N).Select(i => i % 9 == 0 ? (int?)null : (i % 1000) - 500)];
    private static readonly long[] Int64s = [.. Enumerable.Range(0, N).Select(i => (long)i * 3_000_017)];
    private static readonly double?[] Doubles = [.. Enumerable.Range(0, N).Select(i => i % 10 == 0 ? (double?)null : i * 0.125)];
    private static readonly bool?[] Booleans = [.. Enumerable.Range(0, N).Select(i => i % 5 == 0 ? (bool?)null : i % 3 == 0)];
    private static readonly string?[] Names = [.. Enumerable.Range(0, N).Select(i => i % 13 == 0 ? null : $"name-{(i * 7919) % 3000}-é")];
    private static readonly float[] Floats = [.. Enumerable.Range(0, N).Select(i => i / 4f)];

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public async Task Scan_FilteredBatches_DeliverExactlyThePassingRowsAndAgreeWithDuckDb(bool dictionary, bool v2, bool managed)
    {
        var path = Write("t.parquet", b =>
        {
            b = dictionary ? b.EnableDictionary() : b.DisableDictionary();
            return b.DataPageVersion(v2 ? ParquetDataPageVersion.V2 : ParquetDataPageVersion.V1).DataPagesize(1024).Compression(Compression.Snappy);
        });

        AssertPassingRows(path, FilterOnly, managed, IsKept);
        AssertPassingRows(path, StringKey, managed, IsKept);
        AssertPassingRows(path, HeldFilter, managed, i => Kinds[i] is "keep" or "v-3" or "Zürich");
        AssertPassingRows(path, TwoFilters, managed, PassesTwoFilters);
        if (managed)
        {
            await DuckDbOracle.AssertSameAsync(FilterOnly, path);
            await DuckDbOracle.AssertSameAsync(StringKey, path);
            await DuckDbOracle.AssertSameAsync(HeldFilter, path);
            await DuckDbOracle.AssertSameAsync(TwoFilters, path);
        }
    }

    [Fact]
    public async Task Scan_FilteredBatchesOverADictionaryFallingBackToPlain_DeliverThePassingRowsAndAgreeWithDuckDb()
    {
        var path = Write("fallback.parquet", b => b.EnableDictionary().DictionaryPagesizeLimit(1024).DataPagesize(512).Compression(Compression.Zstd));
        var encodings = DuckDbOracle.Query(
            $"SELECT string_agg(encodings, ',') FROM parquet_metadata('{path}') WHERE path_in_schema = 's'", "t", path)[0][0]!;
        Assert.Contains("DICTIONARY", encodings, StringComparison.Ordinal);
        Assert.Contains("PLAIN", encodings.Replace("PLAIN_DICTIONARY", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        AssertPassingRows(path, StringKey, managed: true, IsKept);
        AssertPassingRows(path, TwoFilters, managed: true, PassesTwoFilters);
        await DuckDbOracle.AssertSameAsync(StringKey, path);
        await DuckDbOracle.AssertSameAsync(TwoFilters, path);
    }

    [Fact]
    public async Task Query_FilterKeepingNoRow_AgreesWithDuckDb()
    {
        var path = Write("none.parquet", b => b.DataPagesize(1024));
        const string Sql = "SELECT COUNT(*) AS n, SUM(i32) AS a, SUM(d) AS d FROM t WHERE k = 'absent'";
        AssertPassingRows(path, Sql, managed: true, _ => false);
        await DuckDbOracle.AssertSameAsync(Sql, path);
    }

    private static bool IsKept(int i) => Kinds[i] == "keep";

    private static bool PassesTwoFilters(int i) =>
        Kinds[i] is { } kind && kind != "drop" && Names[i] is { } name && name.StartsWith("name-1", StringComparison.Ordinal);

    /// <summary>
    /// Scans <paramref name="path"/> with the batch plan of <paramref name="sql"/> and checks that the batches hold exactly the
    /// rows <paramref name="passes"/> selects, in order, each with the values of the columns it holds as written.
    /// </summary>
    private static void AssertPassingRows(string path, string sql, bool managed, Func<int, bool> passes)
    {
        var (processor, schema) = ParquetFiles.SqlProcessor(sql, path);
        var plan = Assert.IsType<AggregateQueryProcessor>(processor).BatchPlan;
        Assert.NotNull(plan);
        Assert.NotEmpty(plan.Filters);
        var batch = new ColumnBatch(schema, plan.HeldColumns, plan.Filters);
        var sink = new ScanCapture(batch);
        using (var stream = File.OpenRead(path))
        {
            Engine.Parquet.ParquetSliceScanner.Scan(
                stream, new InputSlice(path, 0, long.MaxValue, Gzip: false), processor, Engine.Parquet.RowGroupPruner.For(processor), sink, CancellationToken.None, managed);
        }

        var held = batch.HeldOrdinals.Select(o => schema.Columns[o].Name).ToArray();
        var expected = Enumerable.Range(0, N).Where(passes).Select(i => string.Join('|', held.Select(name => Text(name, i)))).ToList();
        Assert.Equal(expected.Count, sink.Rows.Count);
        Assert.Equal(expected, sink.Rows);
    }

    /// <summary>Row <paramref name="i"/> of column <paramref name="name"/> as <see cref="ScanCapture"/> writes a batch's value.</summary>
    private static string Text(string name, int i) => name switch
    {
        "k" => Kinds[i] ?? "NULL",
        "i32" => Int32s[i]?.ToString(CultureInfo.InvariantCulture) ?? "NULL",
        "i64" => Int64s[i].ToString(CultureInfo.InvariantCulture),
        "d" => Doubles[i]?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL",
        "b" => Booleans[i] is { } b ? (b ? "1" : "0") : "NULL",
        "s" => Names[i] ?? "NULL",
        "f" => ((double)Floats[i]).ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a column of the file"),
    };

    /// <summary>The rows above in 3 row groups of 10,000, written by ParquetSharp with <paramref name="configure"/>'s properties.</summary>
    private string Write(string name, Func<WriterPropertiesBuilder, WriterPropertiesBuilder> configure)
    {
        var path = _folder.File(name);
        using (var properties = configure(new WriterPropertiesBuilder()).Build())
        using (var writer = new ParquetFileWriter(
            path,
            [new Column<string>("k"), new Column<int?>("i32"), new Column<long>("i64"), new Column<double?>("d"), new Column<bool?>("b"), new Column<string>("s"), new Column<float>("f")],
            properties))
        {
            for (var start = 0; start < N; start += GroupRows)
            {
                using var group = writer.AppendRowGroup();
                WriteColumn(group, Kinds, start);
                WriteColumn(group, Int32s, start);
                WriteColumn(group, Int64s, start);
                WriteColumn(group, Doubles, start);
                WriteColumn(group, Booleans, start);
                WriteColumn(group, Names, start);
                WriteColumn(group, Floats, start);
            }

            writer.Close();
        }

        return path;
    }

    private static void WriteColumn<T>(RowGroupWriter group, T[] values, int start)
    {
        using var column = group.NextColumn().LogicalWriter<T>();
        column.WriteBatch(values.AsSpan(start, GroupRows));
    }
}
