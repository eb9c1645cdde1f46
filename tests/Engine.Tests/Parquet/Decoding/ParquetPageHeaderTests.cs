using OrleansProc.Engine.Parquet.Decoding;
using OrleansProc.Engine.Tests.Local;
using ParquetSharp;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>
/// Page headers: one built by hand from parquet.thrift, and the pages of files written by DuckDB and ParquetSharp,
/// walked by header and checked against the chunk metadata ParquetSharp reads from the footer.
/// </summary>
public sealed class ParquetPageHeaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_HandBuiltDataPageHeader_ReadsItsFieldsAndSkipsTheRest()
    {
        byte[] bytes =
        [
            0x15, 0x00,             // 1 type: DATA_PAGE (0)
            0x15, 0xC8, 0x01,       // 2 uncompressed_page_size: 100
            0x15, 0x64,             // 3 compressed_page_size: 50
            0x15, 0x0E,             // 4 crc: 7 (skipped)
            0x1C,                   // 5 data_page_header
            0x15, 0x14,             //   1 num_values: 10
            0x15, 0x10,             //   2 encoding: RLE_DICTIONARY (8)
            0x15, 0x06,             //   3 definition_level_encoding: RLE (3)
            0x15, 0x06,             //   4 repetition_level_encoding: RLE (3)
            0x1C, 0x18, 0x01, 0x41, 0x00, //   5 statistics { 1: binary "A" } (skipped)
            0x00,
            0x00,
            0xAA, 0xBB,             // the page's bytes
        ];

        var header = ParquetPageHeader.Read(bytes, out var length);

        Assert.Equal(bytes.Length - 2, length);
        Assert.Equal(new ParquetPageHeader(ParquetPageHeader.DataPage, 100, 50, 10, 8, 3, 0, 0, true), header);
    }

    [Fact]
    public void Read_HandBuiltDataPageV2Header_ReadsLevelsLengthsAndIsCompressed()
    {
        byte[] bytes =
        [
            0x15, 0x06,             // 1 type: DATA_PAGE_V2 (3)
            0x15, 0x40,             // 2 uncompressed_page_size: 32
            0x15, 0x30,             // 3 compressed_page_size: 24
            0x5C,                   // 8 data_page_header_v2 (delta 5)
            0x15, 0x0A,             //   1 num_values: 5
            0x15, 0x02,             //   2 num_nulls: 1
            0x15, 0x0A,             //   3 num_rows: 5
            0x15, 0x00,             //   4 encoding: PLAIN
            0x15, 0x04,             //   5 definition_levels_byte_length: 2
            0x15, 0x00,             //   6 repetition_levels_byte_length: 0
            0x12,                   //   7 is_compressed: false
            0x00,
            0x00,
        ];

        var header = ParquetPageHeader.Read(bytes, out var length);

        Assert.Equal(bytes.Length, length);
        Assert.Equal(new ParquetPageHeader(ParquetPageHeader.DataPageV2, 32, 24, 5, 0, 3, 2, 0, false), header);
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("parquetsharp")]
    public void Read_EveryPageOfAWrittenFile_AddsUpToTheChunkMetadata(string writer)
    {
        var path = writer == "duckdb" ? ParquetFiles.Write(_folder, "d.parquet", ParquetFiles.Sample) : WriteWithParquetSharp();
        var bytes = File.ReadAllBytes(path);
        var locations = ParquetFooterReader.Parse(Footer(bytes)).Locations;
        using var reader = new ParquetFileReader(path);
        Assert.Equal(reader.FileMetaData.NumRowGroups, locations.Length);
        for (var g = 0; g < locations.Length; g++)
        {
            using var group = reader.RowGroup(g);
            Assert.Equal(group.MetaData.NumColumns, locations[g].Length);
            for (var c = 0; c < locations[g].Length; c++)
            {
                using var chunk = group.MetaData.GetColumnChunkMetaData(c);
                var location = locations[g][c];
                Assert.Equal(chunk.TotalCompressedSize, location.Length);
                Assert.Equal(chunk.NumValues, location.ValueCount);
                long values = 0;
                var position = location.Start;
                while (position < location.Start + location.Length)
                {
                    var header = ParquetPageHeader.Read(bytes.AsSpan((int)position), out var length);
                    values += header.Type is ParquetPageHeader.DataPage or ParquetPageHeader.DataPageV2 ? header.ValueCount : 0;
                    position += length + header.CompressedSize;
                }

                Assert.Equal(location.Start + location.Length, position);
                Assert.Equal(chunk.NumValues, values);
            }
        }
    }

    private static byte[] Footer(byte[] file)
    {
        var length = BitConverter.ToInt32(file, file.Length - 8);
        return file[(file.Length - 8 - length)..(file.Length - 8)];
    }

    private string WriteWithParquetSharp()
    {
        var path = _folder.File("p.parquet");
        var ids = Enumerable.Range(0, 5000).Select(i => (long)i).ToArray();
        var strings = ids.Select(i => i % 3 == 0 ? null : $"s{i % 50}").ToArray();
        using var properties = new WriterPropertiesBuilder().DataPagesize(512).DataPageVersion(ParquetDataPageVersion.V2).Compression(Compression.Zstd).Build();
        using var writer = new ParquetFileWriter(path, [new Column<long>("id"), new Column<string>("s")], properties);
        using (var group = writer.AppendRowGroup())
        {
            using (var column = group.NextColumn().LogicalWriter<long>())
            {
                column.WriteBatch(ids);
            }

            using (var column = group.NextColumn().LogicalWriter<string?>())
            {
                column.WriteBatch(strings);
            }
        }

        writer.Close();
        return path;
    }
}
