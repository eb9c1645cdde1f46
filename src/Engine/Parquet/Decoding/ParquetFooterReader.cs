using System.Buffers.Binary;

namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// Reads, from a Parquet file's footer (its Thrift <c>FileMetaData</c>), where each column chunk's pages are: the
/// page offsets that ParquetSharp does not expose. Everything else in the footer is skipped (ParquetSharp reads it).
/// </summary>
internal static class ParquetFooterReader
{
    private const int MaxFooterBytes = 256 << 20;

    /// <summary>
    /// Per row group, per leaf column: its chunk's location; null when the file's footer is not a plain (unencrypted)
    /// Parquet footer. The stream's position is restored.
    /// </summary>
    public static ParquetChunkLocation[][]? Read(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var position = file.Position;
        try
        {
            var length = file.Length;
            if (length < 12)
            {
                return null;
            }

            Span<byte> tail = stackalloc byte[8];
            file.Seek(length - 8, SeekOrigin.Begin);
            file.ReadExactly(tail);
            var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
            if (!tail[4..].SequenceEqual("PAR1"u8) || footerLength <= 0 || footerLength > MaxFooterBytes || footerLength > length - 12)
            {
                return null;
            }

            var footer = new byte[footerLength];
            file.Seek(length - 8 - footerLength, SeekOrigin.Begin);
            file.ReadExactly(footer);
            return Parse(footer);
        }
        finally
        {
            file.Position = position;
        }
    }

    /// <summary>The chunk locations in a <c>FileMetaData</c>'s bytes (field 4, row_groups).</summary>
    public static ParquetChunkLocation[][] Parse(ReadOnlySpan<byte> footer)
    {
        var reader = new ThriftCompactReader(footer);
        var groups = new List<ParquetChunkLocation[]>();
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            if (id == 4 && type == ThriftCompactReader.List)
            {
                var count = reader.ReadListHeader(out var element);
                for (var g = 0; g < count; g++)
                {
                    if (element != ThriftCompactReader.Struct)
                    {
                        throw new InvalidDataException("Malformed Parquet footer: row_groups is not a list of structs.");
                    }

                    groups.Add(ReadRowGroup(ref reader));
                }
            }
            else
            {
                reader.Skip(type);
            }
        }

        return [.. groups];
    }

    private static ParquetChunkLocation[] ReadRowGroup(ref ThriftCompactReader reader)
    {
        var chunks = new List<ParquetChunkLocation>();
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            if (id == 1 && type == ThriftCompactReader.List)
            {
                var count = reader.ReadListHeader(out var element);
                for (var c = 0; c < count; c++)
                {
                    if (element != ThriftCompactReader.Struct)
                    {
                        throw new InvalidDataException("Malformed Parquet footer: columns is not a list of structs.");
                    }

                    chunks.Add(ReadColumnChunk(ref reader));
                }
            }
            else
            {
                reader.Skip(type);
            }
        }

        return [.. chunks];
    }

    /// <summary>A <c>ColumnChunk</c>: 1 file_path, 3 meta_data, 8 crypto_metadata, 9 encrypted_column_metadata.</summary>
    private static ParquetChunkLocation ReadColumnChunk(ref ThriftCompactReader reader)
    {
        var location = default(ParquetChunkLocation);
        var readable = true;
        var hasMetadata = false;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 1 or 8 or 9:
                    readable = false;
                    reader.Skip(type);
                    break;
                case 3 when type == ThriftCompactReader.Struct:
                    location = ReadColumnMetaData(ref reader);
                    hasMetadata = true;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return location with { Readable = readable && hasMetadata && location.Length > 0 && location.Start >= 4 };
    }

    /// <summary>A <c>ColumnMetaData</c>: 2 encodings, 4 codec, 5 num_values, 7 total_compressed_size, 9 data_page_offset, 11 dictionary_page_offset.</summary>
    private static ParquetChunkLocation ReadColumnMetaData(ref ThriftCompactReader reader)
    {
        long encodings = 0, values = 0, length = 0, dataPage = 0, dictionaryPage = 0;
        var codec = 0;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 2 when type == ThriftCompactReader.List:
                    var count = reader.ReadListHeader(out var element);
                    for (var i = 0; i < count; i++)
                    {
                        var encoding = reader.ReadInt32(element);
                        encodings |= encoding is >= 0 and < 63 ? 1L << encoding : long.MinValue;
                    }

                    break;
                case 4 when type == ThriftCompactReader.I32:
                    codec = reader.ReadInt32(type);
                    break;
                case 5 when type == ThriftCompactReader.I64:
                    values = reader.ReadInt64(type);
                    break;
                case 7 when type == ThriftCompactReader.I64:
                    length = reader.ReadInt64(type);
                    break;
                case 9 when type == ThriftCompactReader.I64:
                    dataPage = reader.ReadInt64(type);
                    break;
                case 11 when type == ThriftCompactReader.I64:
                    dictionaryPage = reader.ReadInt64(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        // As Arrow's reader: a dictionary page offset of 0 (written by some writers without a dictionary) is no offset.
        var start = dictionaryPage > 0 && dictionaryPage < dataPage ? dictionaryPage : dataPage;
        return new ParquetChunkLocation(start, length, codec, encodings, values, true);
    }
}
