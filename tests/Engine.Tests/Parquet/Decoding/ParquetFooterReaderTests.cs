using System.Buffers.Binary;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Parquet.Decoding;
using OrleansProc.Engine.Tests.Local;
using ParquetSharp;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>
/// The managed footer reader against ParquetSharp's (<see cref="ParquetSharpFooterReference"/>): the same columns,
/// types, leaves, maximum definition levels, row counts, chunk sizes and statistics on files written by DuckDB and by
/// ParquetSharp (every supported and unsupported type, enums and JSON, NULLs, dictionary and plain, pages v1 and v2, several row
/// groups), and on the same files rewritten as a legacy writer would have left them (converted types only, no column
/// orders); a truncated or foreign file fails naming the file and the reason.
/// </summary>
public sealed class ParquetFooterReaderTests : IDisposable
{
    private const int Rows = 3000;

    private const string DuckDbTypes = """
        SELECT i AS id,
               CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 13 - 3 AS INTEGER) END AS qty,
               CAST(i % 100 - 50 AS TINYINT) AS ti, CAST(i AS SMALLINT) AS si, CAST(i % 200 AS UTINYINT) AS ut, CAST(i AS USMALLINT) AS us,
               CAST(i AS UINTEGER) AS ui, CAST(i AS UBIGINT) AS ub, CAST(i AS HUGEINT) AS h,
               CASE WHEN i % 11 = 0 THEN NULL ELSE i * 0.25 END AS amount, CAST(i AS FLOAT) / 8 AS small,
               CASE WHEN i % 5 = 0 THEN NULL ELSE ['Zürich', '', '東京', 'Oslo, Norway', 'plain'][i % 5 + 1] END AS city,
               'name-' || i AS name, i % 2 = 0 AS even,
               TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE AS ts,
               CAST(TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS TIMESTAMP_MS) AS ms,
               CAST(TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS TIMESTAMP_NS) AS ns,
               CAST(TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND AS TIMESTAMPTZ) AS tz,
               CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2024-01-01' + CAST(i % 400 AS INTEGER) END AS day,
               CAST(i / 3.0 AS DECIMAL(4, 1)) AS d4, CAST(i / 7.0 AS DECIMAL(18, 3)) AS d18, CAST(i * 1000.5 AS DECIMAL(30, 2)) AS d30,
               CASE WHEN i >= 1500 THEN NULL ELSE i END AS half, CAST(NULL AS BIGINT) AS nothing,
               [i, i + 1] AS tags, {'a': i, 'b': 'x'} AS nested, MAP {'k': i} AS m, 'x'::BLOB AS raw, ['a', 'b'][i % 2 + 1]::ENUM('a', 'b') AS kind,
               '00000000-0000-0000-0000-000000000001'::UUID AS u, TIME '12:00:00' AS clock, INTERVAL (i) DAY AS span
        FROM range(0, 3000) r(i)
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData(", COMPRESSION zstd")]
    [InlineData(", COMPRESSION uncompressed, PARQUET_VERSION v2")]
    public void Read_DuckDbFile_EqualsParquetSharp(string options)
    {
        var path = _folder.File("duck.parquet");
        ParquetFiles.Execute($"COPY ({DuckDbTypes}) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000{options})");

        AssertSameAsParquetSharp(path);
        AssertSameAsParquetSharp(Legacy(path, dropColumnOrders: false));
        AssertSameAsParquetSharp(Legacy(path, dropColumnOrders: true));
    }

    [Fact]
    public void Read_DuckDbSample_EqualsParquetSharp()
    {
        var path = ParquetFiles.Write(_folder, "sample.parquet", ParquetFiles.Sample);

        AssertSameAsParquetSharp(path);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Read_ParquetSharpFile_EqualsParquetSharp(bool dictionary, bool v2)
    {
        var path = WriteWithParquetSharp(dictionary, v2);

        AssertSameAsParquetSharp(path);
        AssertSameAsParquetSharp(Legacy(path, dropColumnOrders: false));
        AssertSameAsParquetSharp(Legacy(path, dropColumnOrders: true));
    }

    /// <summary>Nanosecond timestamps have no converted type: without their logicalType they are plain INT64, as ParquetSharp reads them too.</summary>
    [Fact]
    public void Read_LegacyFile_MapsConvertedTypes()
    {
        var path = Legacy(WriteWithParquetSharp(dictionary: true, v2: false), dropColumnOrders: true);
        using var file = File.OpenRead(path);

        var columns = ParquetFooterReader.Read(file, path).Columns;

        Assert.Equal(ParquetValueKind.String, columns.Types[columns.IndexOf("s")].Kind);
        Assert.Equal(ParquetValueKind.UInt32, columns.Types[columns.IndexOf("u32")].Kind);
        Assert.Equal(ParquetValueKind.Int32, columns.Types[columns.IndexOf("i8")].Kind);
        Assert.Equal(ParquetValueKind.Date, columns.Types[columns.IndexOf("day")].Kind);
        Assert.Equal(ParquetValueKind.TimestampMillis, columns.Types[columns.IndexOf("ms")].Kind);
        Assert.Equal(ParquetValueKind.DecimalBytes, columns.Types[columns.IndexOf("dec")].Kind);
        Assert.Equal(3, columns.Types[columns.IndexOf("dec")].Scale);
        Assert.Equal(ParquetValueKind.Int64, columns.Types[columns.IndexOf("ns")].Kind);
    }

    [Fact]
    public void Read_NoColumnOrders_KeepsOnlySignedDeprecatedBounds()
    {
        var path = Legacy(WriteWithParquetSharp(dictionary: true, v2: false), dropColumnOrders: true);
        using var file = File.OpenRead(path);

        var footer = ParquetFooterReader.Read(file, path);
        var columns = footer.Columns;
        ColumnChunkStatistics? Stats(string name) => footer.Statistics(0, columns.Leaves[columns.IndexOf(name)], columns.Types[columns.IndexOf(name)]);

        Assert.True(Stats("i32")!.HasMinMax);
        Assert.True(Stats("d")!.HasMinMax);
        Assert.False(Stats("s")!.HasMinMax);
        Assert.False(Stats("u32")!.HasMinMax);
        Assert.Equal(Rows / 3 / 9 + 1, Stats("i32")!.NullCount);
    }

    [Theory]
    [InlineData("truncated", "does not end with the Parquet magic")]
    [InlineData("bad-magic", "does not end with the Parquet magic")]
    [InlineData("length-past-start", "does not fit")]
    [InlineData("tiny", "fewer than the 12")]
    [InlineData("empty", "fewer than the 12")]
    [InlineData("garbage-footer", "footer is malformed")]
    [InlineData("encrypted", "encrypted")]
    [InlineData("csv", "does not end with the Parquet magic")]
    public void Read_CorruptFile_FailsNamingTheFileAndReason(string corruption, string reason)
    {
        var good = File.ReadAllBytes(WriteWithParquetSharp(dictionary: true, v2: false));
        var bytes = corruption switch
        {
            "truncated" => good[..(good.Length - 100)],
            "bad-magic" => [.. good[..^4], .. "PAR2"u8.ToArray()],
            "length-past-start" => WithFooterLength(good, good.Length),
            "tiny" => "PAR1PAR1"u8.ToArray(),
            "empty" => [],
            "garbage-footer" => Garbage(good),
            "encrypted" => [.. good[..^4], .. "PARE"u8.ToArray()],
            _ => "id,name\n1,a\n2,b\n"u8.ToArray(),
        };
        var path = _folder.File($"{corruption}.parquet");
        File.WriteAllBytes(path, bytes);

        using var file = File.OpenRead(path);
        var error = Assert.Throws<InvalidDataException>(() => ParquetSchemaReader.Read(file, path));
        Assert.Contains($"'{path}' is not a readable Parquet file", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);

        var (processor, _) = ParquetFiles.SqlProcessor("SELECT COUNT(*) FROM t", WriteWithParquetSharp(dictionary: true, v2: false));
        var scanError = Assert.Throws<InvalidDataException>(() =>
            ParquetSliceScanner.Scan(file, new InputSlice(path, 0, long.MaxValue, Gzip: false), processor, RowGroupPruner.For(processor), new ScanCapture(null), CancellationToken.None));
        Assert.Equal(error.Message, scanError.Message);
    }

    private static void AssertSameAsParquetSharp(string path)
    {
        var expected = ParquetSharpFooterReference.Describe(path);
        using var file = File.OpenRead(path);
        var actual = ParquetSharpFooterReference.Describe(ParquetFooterReader.Read(file, path));
        Assert.Equal(expected, actual);
    }

    /// <summary>A copy of the file whose footer a legacy writer could have written: no schema element has a logicalType (only its converted_type), and with <paramref name="dropColumnOrders"/> no column orders.</summary>
    private string Legacy(string path, bool dropColumnOrders)
    {
        var bytes = File.ReadAllBytes(path);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var footerStart = bytes.Length - 8 - footerLength;
        var footer = bytes.AsSpan(footerStart, footerLength);
        var cuts = LegacyCuts(footer, dropColumnOrders);
        var kept = new List<byte>(bytes[..footerStart]);
        var from = 0;
        foreach (var (start, end) in cuts)
        {
            kept.AddRange(footer[from..start]);
            from = end;
        }

        kept.AddRange(footer[from..]);
        var newLength = kept.Count - footerStart;
        kept.AddRange(BitConverter.GetBytes(newLength));
        kept.AddRange("PAR1"u8.ToArray());
        var legacy = _folder.File($"legacy-{dropColumnOrders}-{Path.GetFileName(path)}");
        File.WriteAllBytes(legacy, [.. kept]);
        return legacy;
    }

    /// <summary>
    /// The byte ranges of the footer to cut: each schema element's logicalType (field 10, the last its writers
    /// write, so no later field's id delta changes) and, when asked, the column_orders (field 7 of FileMetaData).
    /// </summary>
    private static List<(int Start, int End)> LegacyCuts(ReadOnlySpan<byte> footer, bool dropColumnOrders)
    {
        var cuts = new List<(int, int)>();
        var reader = new ThriftCompactReader(footer);
        short id = 0;
        var before = reader.Position;
        while (reader.NextField(ref id, out var type))
        {
            if (id == 2)
            {
                var count = reader.ReadListHeader(out _);
                for (var i = 0; i < count; i++)
                {
                    short field = 0;
                    var fieldStart = reader.Position;
                    while (reader.NextField(ref field, out var fieldType))
                    {
                        reader.Skip(fieldType);
                        if (field == 10)
                        {
                            cuts.Add((fieldStart, reader.Position));
                        }

                        fieldStart = reader.Position;
                    }
                }
            }
            else
            {
                reader.Skip(type);
                if (id == 7 && dropColumnOrders)
                {
                    cuts.Add((before, reader.Position));
                }
            }

            before = reader.Position;
        }

        return cuts;
    }

    private static byte[] WithFooterLength(byte[] file, int length)
    {
        var copy = file.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(copy.Length - 8), length);
        return copy;
    }

    /// <summary>The file with its footer's bytes replaced by a list header that claims more elements than there are bytes.</summary>
    private static byte[] Garbage(byte[] file)
    {
        var copy = file.ToArray();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(copy.AsSpan(copy.Length - 8));
        copy.AsSpan(copy.Length - 8 - footerLength, footerLength).Fill(0x19);
        return copy;
    }

    /// <summary>
    /// 3,000 rows in 3 row groups written by ParquetSharp: every type it writes that the Engine reads (integers of
    /// every width, signed and unsigned, floats, doubles, booleans, strings, JSON, decimals, dates,
    /// timestamps in three units), and some it does not (time, binary, UUID, INT96, a list), with NULLs.
    /// </summary>
    private string WriteWithParquetSharp(bool dictionary, bool v2)
    {
        var path = _folder.File($"ps-{dictionary}-{v2}.parquet");
        var builder = new WriterPropertiesBuilder()
            .DataPageVersion(v2 ? ParquetDataPageVersion.V2 : ParquetDataPageVersion.V1)
            .Compression(Compression.Snappy);
        builder = dictionary ? builder.EnableDictionary() : builder.DisableDictionary();
        using var properties = builder.Build();
        Column[] columns =
        [
            new Column<int?>("i32"), new Column<long>("i64"), new Column<uint?>("u32"), new Column<ulong>("u64"), new Column<sbyte>("i8"),
            new Column<short?>("i16"), new Column<byte>("u8"), new Column<ushort>("u16"), new Column<float?>("f"), new Column<double?>("d"),
            new Column<bool?>("b"), new Column<string>("s"), new Column<string>("j", LogicalType.Json()),
            new Column<decimal?>("dec", LogicalType.Decimal(29, 3)), new Column<Date?>("day"), new Column<DateTime>("ts"),
            new Column<DateTime?>("ms", LogicalType.Timestamp(true, TimeUnit.Millis)), new Column<DateTimeNanos>("ns"),
            new Column<TimeSpan>("clock"), new Column<byte[]>("raw"), new Column<Guid>("u"), new Column<Int96>("i96"), new Column<int[]>("tags"),
        ];
        using var writer = new ParquetFileWriter(path, columns, properties);
        for (var start = 0; start < Rows; start += Rows / 3)
        {
            var range = Enumerable.Range(start, Rows / 3).ToArray();
            using var group = writer.AppendRowGroup();
            Write(group, range.Select(i => i % 9 == 0 ? (int?)null : i % 1000 - 500));
            Write(group, range.Select(i => (long)i * -3_000_017));
            Write(group, range.Select(i => i % 4 == 0 ? (uint?)null : (uint)i * 1_000_003u));
            Write(group, range.Select(i => (ulong)i << 40));
            Write(group, range.Select(i => (sbyte)(i % 200 - 100)));
            Write(group, range.Select(i => i % 5 == 0 ? (short?)null : (short)(i - 1500)));
            Write(group, range.Select(i => (byte)(i % 250)));
            Write(group, range.Select(i => (ushort)(i * 20)));
            Write(group, range.Select(i => i % 6 == 0 ? (float?)null : i / -4f));
            Write(group, range.Select(i => i % 10 == 0 ? (double?)null : i * 0.125));
            Write(group, range.Select(i => i % 5 == 0 ? (bool?)null : i % 3 == 0));
            Write(group, range.Select(i => (i % 17) switch { 0 => null, 1 => string.Empty, 2 => $"Zürich-{i % 5}", _ => $"v-{i * 7919 % 2500}" }));
            Write(group, range.Select(i => i % 3 == 0 ? null : $"{{\"a\":{i}}}"));
            Write(group, range.Select(i => i % 8 == 0 ? (decimal?)null : i * 1.125m - 1000m));
            Write(group, range.Select(i => i % 7 == 0 ? (Date?)null : new Date(2024, 1, 1 + (i % 28))));
            Write(group, range.Select(i => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(i * 37)));
            Write(group, range.Select(i => i % 2 == 0 ? (DateTime?)null : new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMilliseconds(i * 1001)));
            Write(group, range.Select(i => new DateTimeNanos((long)i * 1_000_000_007)));
            Write(group, range.Select(i => TimeSpan.FromSeconds(i)));
            Write(group, range.Select(i => new[] { (byte)i, (byte)(i >> 8) }));
            Write(group, range.Select(i => new Guid(i, 0, 0, new byte[8])));
            Write(group, range.Select(i => new Int96(i, i, i)));
            Write(group, range.Select(i => new[] { i, i + 1 }));
        }

        writer.Close();
        return path;
    }

    private static void Write<T>(RowGroupWriter group, IEnumerable<T> values)
    {
        using var column = group.NextColumn().LogicalWriter<T>();
        column.WriteBatch([.. values]);
    }
}
