namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// The fields of a Parquet <c>PageHeader</c> (parquet.thrift) that a flat column's reader needs, with those of its
/// <c>DataPageHeader</c>, <c>DataPageHeaderV2</c> or <c>DictionaryPageHeader</c>; every other field (CRC,
/// statistics, index page header, fields added later) is skipped.
/// </summary>
/// <param name="Type">The page type: <see cref="DataPage"/>, <see cref="IndexPage"/>, <see cref="DictionaryPage"/> or <see cref="DataPageV2"/>.</param>
/// <param name="UncompressedSize">The page's bytes after decompression (for a v2 page, levels included).</param>
/// <param name="CompressedSize">The page's bytes in the file, after the header.</param>
/// <param name="ValueCount">The values in the page, NULLs included (a dictionary page: its entries).</param>
/// <param name="Encoding">The values' encoding (parquet.thrift's <c>Encoding</c>).</param>
/// <param name="DefinitionEncoding">A v1 data page's definition levels' encoding.</param>
/// <param name="DefinitionLevelsLength">A v2 data page's definition levels' bytes (not compressed).</param>
/// <param name="RepetitionLevelsLength">A v2 data page's repetition levels' bytes (not compressed).</param>
/// <param name="IsCompressed">A v2 data page: whether its values are compressed (the default).</param>
internal readonly record struct ParquetPageHeader(
    int Type,
    int UncompressedSize,
    int CompressedSize,
    int ValueCount,
    int Encoding,
    int DefinitionEncoding,
    int DefinitionLevelsLength,
    int RepetitionLevelsLength,
    bool IsCompressed)
{
    /// <summary>A data page (v1).</summary>
    public const int DataPage = 0;

    /// <summary>An index page (not used by readers; skipped).</summary>
    public const int IndexPage = 1;

    /// <summary>A dictionary page.</summary>
    public const int DictionaryPage = 2;

    /// <summary>A data page v2 (levels uncompressed, ahead of the values).</summary>
    public const int DataPageV2 = 3;

    /// <summary>Reads a page header from the start of <paramref name="bytes"/>; <paramref name="length"/> is the header's bytes.</summary>
    public static ParquetPageHeader Read(ReadOnlySpan<byte> bytes, out int length)
    {
        var reader = new ThriftCompactReader(bytes);
        int type = -1, uncompressed = -1, compressed = -1, values = 0, encoding = 0, definitionEncoding = 3, definitionLength = 0, repetitionLength = 0;
        var isCompressed = true;
        short id = 0;
        while (reader.NextField(ref id, out var fieldType))
        {
            switch (id)
            {
                case 1 when fieldType == ThriftCompactReader.I32:
                    type = reader.ReadInt32(fieldType);
                    break;
                case 2 when fieldType == ThriftCompactReader.I32:
                    uncompressed = reader.ReadInt32(fieldType);
                    break;
                case 3 when fieldType == ThriftCompactReader.I32:
                    compressed = reader.ReadInt32(fieldType);
                    break;
                case 5 or 7 when fieldType == ThriftCompactReader.Struct:
                    ReadDataOrDictionary(ref reader, id == 5, ref values, ref encoding, ref definitionEncoding);
                    break;
                case 8 when fieldType == ThriftCompactReader.Struct:
                    ReadDataV2(ref reader, ref values, ref encoding, ref definitionLength, ref repetitionLength, ref isCompressed);
                    break;
                default:
                    reader.Skip(fieldType);
                    break;
            }
        }

        if (type < 0 || uncompressed < 0 || compressed < 0 || values < 0 || definitionLength < 0 || repetitionLength < 0)
        {
            throw new InvalidDataException("Malformed Parquet page header: a required field is missing or negative.");
        }

        length = reader.Position;
        return new ParquetPageHeader(type, uncompressed, compressed, values, encoding, definitionEncoding, definitionLength, repetitionLength, isCompressed);
    }

    /// <summary>A <c>DataPageHeader</c> (<paramref name="data"/>) or a <c>DictionaryPageHeader</c>: 1 num_values, 2 encoding, 3 definition level encoding.</summary>
    private static void ReadDataOrDictionary(ref ThriftCompactReader reader, bool data, ref int values, ref int encoding, ref int definitionEncoding)
    {
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.I32:
                    values = reader.ReadInt32(type);
                    break;
                case 2 when type == ThriftCompactReader.I32:
                    encoding = reader.ReadInt32(type);
                    break;
                case 3 when data && type == ThriftCompactReader.I32:
                    definitionEncoding = reader.ReadInt32(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
    }

    /// <summary>A <c>DataPageHeaderV2</c>: 1 num_values, 4 encoding, 5 and 6 the levels' lengths, 7 is_compressed.</summary>
    private static void ReadDataV2(
        ref ThriftCompactReader reader, ref int values, ref int encoding, ref int definitionLength, ref int repetitionLength, ref bool isCompressed)
    {
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.I32:
                    values = reader.ReadInt32(type);
                    break;
                case 4 when type == ThriftCompactReader.I32:
                    encoding = reader.ReadInt32(type);
                    break;
                case 5 when type == ThriftCompactReader.I32:
                    definitionLength = reader.ReadInt32(type);
                    break;
                case 6 when type == ThriftCompactReader.I32:
                    repetitionLength = reader.ReadInt32(type);
                    break;
                case 7 when type is ThriftCompactReader.BooleanTrue or ThriftCompactReader.BooleanFalse:
                    isCompressed = ThriftCompactReader.BooleanOf(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
    }
}
