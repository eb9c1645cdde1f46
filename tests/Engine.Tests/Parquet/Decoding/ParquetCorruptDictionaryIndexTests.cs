using System.Buffers.Binary;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Parquet.Decoding;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>A dictionary index past the dictionary, written into a DuckDB file's bit-packed run, fails the managed decoder naming the file and column, as rows and as batches.</summary>
public sealed class ParquetCorruptDictionaryIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Scan_IndexPastTheDictionary_ThrowsInvalidDataNamingTheFileAndColumn()
    {
        // Three values in 2 bits: the bits 11 are index 3, one past the dictionary.
        var path = _folder.File("index.parquet");
        DuckDbOracle.Query(
            $"COPY (SELECT 'k' || (i % 2) AS k, CAST(i % 3 AS DOUBLE) * 1.5 AS v FROM range(0, 5000) r(i)) TO '{path}' (FORMAT parquet, COMPRESSION uncompressed)",
            "t",
            ParquetFiles.Write(_folder, "seed.parquet", "SELECT 1 AS x"));
        var bytes = File.ReadAllBytes(path);
        var start = (int)ParquetFooterLookup.Locations(path)[0][ParquetFooterLookup.Leaf(path, "v")].Start;
        var dictionary = ParquetPageHeader.Read(bytes.AsSpan(start), out var length);
        Assert.Equal(ParquetPageHeader.DictionaryPage, dictionary.Type);
        var at = start + length + dictionary.CompressedSize;
        var page = ParquetPageHeader.Read(bytes.AsSpan(at), out length);
        at += length;
        at += page.Type == ParquetPageHeader.DataPageV2
            ? page.DefinitionLevelsLength + page.RepetitionLevelsLength
            : 4 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        Assert.Equal(2, bytes[at]);
        var runHeader = ++at;
        while ((bytes[at] & 0x80) != 0)
        {
            at++;
        }

        // The first run is bit-packed: its first byte, four indexes, all 3.
        Assert.Equal(1, bytes[runHeader] & 1);
        bytes[at + 1] = 0xFF;
        File.WriteAllBytes(path, bytes);

        foreach (var sql in new[] { "SELECT k, COUNT(*), MIN(v), MAX(v), SUM(v) FROM t GROUP BY k", "SELECT k, v FROM t ORDER BY v LIMIT 3" })
        {
            var (processor, schema) = ParquetFiles.SqlProcessor(sql, path);
            foreach (var batch in new[] { null, new ColumnBatch(schema, processor.NeededColumns) })
            {
                using var stream = File.OpenRead(path);
                var error = Assert.Throws<InvalidDataException>(() => ParquetSliceScanner.Scan(
                    stream, new InputSlice(path, 0, long.MaxValue, Gzip: false), processor, RowGroupPruner.For(processor), new ScanCapture(batch), CancellationToken.None, managed: true));
                Assert.Contains("'v'", error.Message, StringComparison.Ordinal);
                Assert.Contains(path, error.Message, StringComparison.Ordinal);
                Assert.Contains("dictionary index 3 past the dictionary's 3 entries", error.Message, StringComparison.Ordinal);
            }
        }
    }
}
