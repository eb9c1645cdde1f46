using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Parquet.Decoding;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;
using ParquetSharp;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>
/// The managed page decoder against ParquetSharp's reader (every value, as rows and as column batches) and against
/// DuckDB (aggregates and string filters), on files written by DuckDB in every codec and by ParquetSharp with and
/// without dictionaries, in data pages v1 and v2, with a dictionary that falls back to PLAIN mid-chunk; chunks it
/// cannot decode fall back to ParquetSharp; a corrupt page header fails naming the file and the column.
/// </summary>
public sealed class ParquetManagedDecoderTests : IDisposable
{
    /// <summary>20,000 rows: every type the decoder reads, with NULLs, empty and non-ASCII strings, dictionary and unique strings.</summary>
    private const string Rows = """
        SELECT i AS id,
               CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 13 - 3 AS INTEGER) END AS qty,
               CAST(i AS BIGINT) * 1000003 AS big,
               CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i * 0.25 AS DOUBLE) END AS amount,
               CAST(i AS FLOAT) / 8 AS small,
               CASE WHEN i % 6 = 0 THEN NULL ELSE ['Zürich', '', '東京', 'Oslo, Norway', 'plain', 'x'][i % 6 + 1] END AS city,
               CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END AS even,
               TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE AS ts,
               CAST(i / 3.0 AS DECIMAL(9, 2)) AS price,
               CAST(i / 7.0 AS DECIMAL(18, 3)) AS cost,
               CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2024-01-01' + CAST(i % 400 AS INTEGER) END AS day,
               CASE WHEN i % 4 = 0 THEN NULL ELSE 'name-' || i || '-é' END AS name,
               CAST(i % 200 AS UTINYINT) AS tiny,
               CAST(TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i * 7) MILLISECOND AS TIMESTAMP_MS) AS ms,
               CAST(TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i * 3) MICROSECOND AS TIMESTAMP_NS) AS ns
        FROM range(0, 20000) r(i)
        """;

    private const string Aggregate = """
        SELECT city, COUNT(*) AS n, COUNT(qty) AS q, SUM(qty) AS sq, SUM(big) AS b, SUM(amount) AS a, MIN(small) AS s0, MAX(small) AS s1,
               MIN(even) AS e0, MAX(even) AS e1, MIN(ts) AS t0, MAX(ts) AS t1, SUM(price) AS p, SUM(cost) AS c, MIN(day) AS d0, MAX(day) AS d1,
               COUNT(name) AS nn, MIN(name) AS n0, MAX(name) AS n1, SUM(tiny) AS ti, MAX(ms) AS m1, MAX(ns) AS ns1
        FROM t GROUP BY city
        """;

    private const string Filtered = "SELECT city, COUNT(*) AS n, SUM(big) AS b FROM t WHERE city IN ('東京', '', 'plain') AND name LIKE 'name-1%' GROUP BY city";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("snappy")]
    [InlineData("zstd")]
    [InlineData("gzip")]
    [InlineData("uncompressed")]
    public async Task Scan_DuckDbFileInEachCodec_SameValuesAsParquetSharpAndDuckDb(string codec)
    {
        var path = _folder.File($"{codec}.parquet");
        DuckDbOracle.Query($"COPY ({Rows}) TO '{path}' (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 3000)", "t", ParquetFiles.Write(_folder, "seed.parquet", "SELECT 1 AS x"));

        AssertManagedReads(path, "qty", "big", "amount", "small", "city", "even", "ts", "price", "cost", "day", "name", "tiny", "ms", "ns");
        AssertSameAsParquetSharp(path);
        await DuckDbOracle.AssertSameAsync(Aggregate, path);
        await DuckDbOracle.AssertSameAsync(Filtered, path);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task Scan_ParquetSharpFile_SameValuesAsParquetSharpAndDuckDb(bool dictionary, bool v2)
    {
        var path = WriteWithParquetSharp("p.parquet", b =>
        {
            b = dictionary ? b.EnableDictionary() : b.DisableDictionary();
            return b.DataPageVersion(v2 ? ParquetDataPageVersion.V2 : ParquetDataPageVersion.V1).DataPagesize(2048).Compression(Compression.Snappy);
        });

        AssertManagedReads(path, "i32", "i64", "d", "f", "b", "s", "ts");
        AssertSameAsParquetSharp(path);
        await DuckDbOracle.AssertSameAsync(
            "SELECT s, COUNT(*) AS n, COUNT(i32) AS c, SUM(i32) AS a, SUM(i64) AS b, SUM(d) AS d, MIN(f) AS f, MAX(b) AS x, MIN(ts) AS t FROM t GROUP BY s", path);
        await DuckDbOracle.AssertSameAsync("SELECT COUNT(*) AS n, SUM(i64) AS b FROM t WHERE s LIKE '%ü%' OR s = ''", path);
    }

    [Fact]
    public async Task Scan_DictionaryFallingBackToPlainMidChunk_SameValuesAsParquetSharpAndDuckDb()
    {
        var path = WriteWithParquetSharp("fallback.parquet", b => b.DictionaryPagesizeLimit(1024).DataPagesize(512).Compression(Compression.Zstd));
        var encodings = DuckDbOracle.Query(
            $"SELECT string_agg(encodings, ',') FROM parquet_metadata('{path}') WHERE path_in_schema = 's'", "t", path)[0][0]!;
        Assert.Contains("DICTIONARY", encodings, StringComparison.Ordinal);
        Assert.Contains("PLAIN", encodings.Replace("PLAIN_DICTIONARY", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        AssertManagedReads(path, "s");
        AssertSameAsParquetSharp(path);
        await DuckDbOracle.AssertSameAsync("SELECT s, COUNT(*) AS n, SUM(i64) AS b FROM t GROUP BY s", path);
        await DuckDbOracle.AssertSameAsync("SELECT COUNT(*) AS n, SUM(i64) AS b FROM t WHERE s IN ('v-7', 'Zürich-3', '')", path);
    }

    [Fact]
    public async Task Scan_ChunkInAnUnsupportedEncoding_FallsBackToParquetSharpWithTheSameAnswer()
    {
        var path = WriteWithParquetSharp("delta.parquet", b => b.DisableDictionary("i64").Encoding("i64", ParquetSharp.Encoding.DeltaBinaryPacked));

        var locations = ParquetFooterLookup.Locations(path);
        Assert.All(locations, group => Assert.False(ParquetManagedReader.CanDecode(group[ParquetFooterLookup.Leaf(path, "i64")], ParquetFooterLookup.Type(path, "i64"), 0)));
        AssertManagedReads(path, "i32", "s");
        AssertSameAsParquetSharp(path);
        await DuckDbOracle.AssertSameAsync("SELECT s, COUNT(*) AS n, SUM(i64) AS b, SUM(i32) AS a FROM t GROUP BY s", path);
    }

    [Fact]
    public void Scan_CorruptPageHeader_ThrowsInvalidDataNamingTheFileAndColumn()
    {
        var path = _folder.File("corrupt.parquet");
        DuckDbOracle.Query($"COPY ({Rows}) TO '{path}' (FORMAT parquet, COMPRESSION uncompressed)", "t", ParquetFiles.Write(_folder, "seed.parquet", "SELECT 1 AS x"));
        var location = ParquetFooterLookup.Locations(path)[0][ParquetFooterLookup.Leaf(path, "city")];
        using (var file = File.OpenWrite(path))
        {
            file.Position = location.Start;
            file.Write([0x1F, 0x1F, 0x1F, 0x1F]);
        }

        var (processor, schema) = ParquetFiles.SqlProcessor("SELECT city, COUNT(*) FROM t GROUP BY city", path);
        foreach (var batch in new[] { null, new ColumnBatch(schema, processor.NeededColumns) })
        {
            var error = Assert.Throws<InvalidDataException>(() => Scan(path, processor, new ScanCapture(batch), managed: true));
            Assert.Contains("'city'", error.Message, StringComparison.Ordinal);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("page header", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Every row of the file, as rows and as batches, the same through the managed decoder as through ParquetSharp's reader.</summary>
    private static void AssertSameAsParquetSharp(string path)
    {
        var (processor, schema) = ParquetFiles.SqlProcessor("SELECT * FROM t", path);
        Assert.All(processor.NeededColumns, Assert.True);
        foreach (var batched in new[] { false, true })
        {
            var expected = new ScanCapture(batched ? new ColumnBatch(schema, processor.NeededColumns) : null);
            var actual = new ScanCapture(batched ? new ColumnBatch(schema, processor.NeededColumns) : null);
            Scan(path, processor, expected, managed: false);
            Scan(path, processor, actual, managed: true);
            Assert.NotEmpty(expected.Rows);
            Assert.Equal(expected.Rows, actual.Rows);
        }
    }

    /// <summary>The managed decoder takes every chunk of the named columns.</summary>
    private static void AssertManagedReads(string path, params string[] columns)
    {
        var locations = ParquetFooterLookup.Locations(path);
        Assert.NotEmpty(locations);
        foreach (var column in columns)
        {
            var leaf = ParquetFooterLookup.Leaf(path, column);
            var type = ParquetFooterLookup.Type(path, column);
            using var reader = new ParquetFileReader(path);
            var maxDefinition = reader.FileMetaData.Schema.Column(leaf).MaxDefinitionLevel;
            Assert.All(locations, group => Assert.True(ParquetManagedReader.CanDecode(group[leaf], type, maxDefinition), $"column {column}"));
        }
    }

    private static void Scan(string path, Processing.IPartitionProcessor processor, ScanCapture sink, bool managed)
    {
        using var stream = File.OpenRead(path);
        ParquetSliceScanner.Scan(stream, new InputSlice(path, 0, long.MaxValue, Gzip: false), processor, RowGroupPruner.For(processor), sink, CancellationToken.None, managed);
    }

    /// <summary>30,000 rows in 3 row groups written by ParquetSharp: int?, long, double?, float, bool?, string (NULLs, empty, non-ASCII), timestamp.</summary>
    private string WriteWithParquetSharp(string name, Func<WriterPropertiesBuilder, WriterPropertiesBuilder> configure)
    {
        var path = _folder.File(name);
        const int N = 30_000;
        var i32 = Enumerable.Range(0, N).Select(i => i % 9 == 0 ? (int?)null : i % 1000 - 500).ToArray();
        var i64 = Enumerable.Range(0, N).Select(i => (long)i * 3_000_017).ToArray();
        var d = Enumerable.Range(0, N).Select(i => i % 10 == 0 ? (double?)null : i * 0.125).ToArray();
        var f = Enumerable.Range(0, N).Select(i => i / 4f).ToArray();
        var b = Enumerable.Range(0, N).Select(i => i % 5 == 0 ? (bool?)null : i % 3 == 0).ToArray();
        var s = Enumerable.Range(0, N).Select(i => (i % 17) switch
        {
            0 => null,
            1 => string.Empty,
            2 => $"Zürich-{i % 5}",
            _ => $"v-{(i * 7919) % 2500}",
        }).ToArray();
        var ts = Enumerable.Range(0, N).Select(i => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(i * 37)).ToArray();
        using (var properties = configure(new WriterPropertiesBuilder()).Build())
        using (var writer = new ParquetFileWriter(
            path,
            [new Column<int?>("i32"), new Column<long>("i64"), new Column<double?>("d"), new Column<float>("f"), new Column<bool?>("b"), new Column<string>("s"), new Column<DateTime>("ts")],
            properties))
        {
            for (var start = 0; start < N; start += 10_000)
            {
                using var group = writer.AppendRowGroup();
                Write(group, i32, start);
                Write(group, i64, start);
                Write(group, d, start);
                Write(group, f, start);
                Write(group, b, start);
                Write(group, s, start);
                Write(group, ts, start);
            }

            writer.Close();
        }

        return path;
    }

    private static void Write<T>(RowGroupWriter group, T[] values, int start)
    {
        using var column = group.NextColumn().LogicalWriter<T>();
        column.WriteBatch(values.AsSpan(start, 10_000));
    }
}
