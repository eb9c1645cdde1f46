using System.Buffers.Binary;

namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// Reads a Parquet file's footer (its Thrift <c>FileMetaData</c>) without ParquetSharp: the schema (names, physical
/// and logical types, repetition), each row group's rows, and each column chunk's location, compression, encodings
/// and statistics; the column orders that say which statistics bounds are usable. The other fields are skipped.
/// </summary>
internal static class ParquetFooterReader
{
    private const int MaxFooterBytes = 256 << 20;

    private const int TailBytes = 8;

    /// <summary>
    /// Reads the footer of <paramref name="file"/> (seekable; its position is restored). A file that is not Parquet,
    /// or whose footer is truncated, malformed or encrypted, throws an <see cref="InvalidDataException"/> naming
    /// <paramref name="name"/> and the reason.
    /// </summary>
    public static ParquetFileFooter Read(Stream file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        var position = file.Position;
        try
        {
            var length = file.Length;
            if (length < 12)
            {
                throw NotParquet(name, $"it has {length} bytes, fewer than the 12 of the smallest Parquet file");
            }

            Span<byte> tail = stackalloc byte[TailBytes];
            file.Seek(length - TailBytes, SeekOrigin.Begin);
            file.ReadExactly(tail);
            if (tail[4..].SequenceEqual("PARE"u8))
            {
                throw NotParquet(name, "its footer is encrypted, which is not supported");
            }

            if (!tail[4..].SequenceEqual(ParquetSchemaReader.Magic))
            {
                throw NotParquet(name, "it does not end with the Parquet magic bytes 'PAR1'");
            }

            var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
            if (footerLength <= 0 || footerLength > length - 12 || footerLength > MaxFooterBytes)
            {
                throw NotParquet(name, $"its footer length {footerLength} does not fit in the file's {length} bytes");
            }

            var footer = new byte[footerLength];
            file.Seek(length - TailBytes - footerLength, SeekOrigin.Begin);
            file.ReadExactly(footer);
            try
            {
                return Parse(footer);
            }
            catch (InvalidDataException e)
            {
                throw NotParquet(name, $"its footer is malformed ({e.Message.TrimEnd('.')})", e);
            }
        }
        finally
        {
            file.Position = position;
        }
    }

    /// <summary>The footer in a <c>FileMetaData</c>'s bytes; malformed bytes throw <see cref="InvalidDataException"/>.</summary>
    public static ParquetFileFooter Parse(ReadOnlySpan<byte> footer)
    {
        var reader = new ThriftCompactReader(footer);
        List<ParquetSchemaElement>? schema = null;
        var groups = new List<ParquetRowGroupFooter>();
        var orders = new List<bool>();
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 2 when type == ThriftCompactReader.List:
                    schema = [];
                    var elements = ReadStructListHeader(ref reader, "schema");
                    for (var i = 0; i < elements; i++)
                    {
                        schema.Add(ReadSchemaElement(ref reader));
                    }

                    break;
                case 4 when type == ThriftCompactReader.List:
                    var count = ReadStructListHeader(ref reader, "row_groups");
                    for (var g = 0; g < count; g++)
                    {
                        groups.Add(ReadRowGroup(ref reader));
                    }

                    break;
                case 7 when type == ThriftCompactReader.List:
                    var columns = ReadStructListHeader(ref reader, "column_orders");
                    for (var c = 0; c < columns; c++)
                    {
                        orders.Add(ReadColumnOrder(ref reader));
                    }

                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        if (schema is not { Count: > 0 })
        {
            throw new InvalidDataException("the footer has no schema");
        }

        var fileColumns = ParquetFileColumns.Read(schema, out var leaves);
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g].Chunks.Length != leaves)
            {
                throw new InvalidDataException($"row group {g} has {groups[g].Chunks.Length} column chunks, but the schema has {leaves} leaf columns");
            }
        }

        return new ParquetFileFooter(fileColumns, groups, [.. orders]);
    }

    private static int ReadStructListHeader(ref ThriftCompactReader reader, string field)
    {
        var count = reader.ReadListHeader(out var element);
        if (count > 0 && element != ThriftCompactReader.Struct)
        {
            throw new InvalidDataException($"{field} is not a list of structs");
        }

        return count;
    }

    /// <summary>A <c>SchemaElement</c>: 1 type, 2 type_length, 3 repetition_type, 4 name, 5 num_children, 6 converted_type, 7 scale, 8 precision, 10 logicalType.</summary>
    private static ParquetSchemaElement ReadSchemaElement(ref ThriftCompactReader reader)
    {
        string name = string.Empty;
        int physical = -1, length = 0, repetition = 0, children = 0, converted = -1, scale = 0, precision = 0;
        ParquetLogicalType? logical = null;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 1:
                    physical = reader.ReadInt32(type);
                    break;
                case 2:
                    length = reader.ReadInt32(type);
                    break;
                case 3:
                    repetition = reader.ReadInt32(type);
                    break;
                case 4 when type == ThriftCompactReader.Binary:
                    name = System.Text.Encoding.UTF8.GetString(reader.ReadBinary());
                    break;
                case 5:
                    children = reader.ReadInt32(type);
                    break;
                case 6:
                    converted = reader.ReadInt32(type);
                    break;
                case 7:
                    scale = reader.ReadInt32(type);
                    break;
                case 8:
                    precision = reader.ReadInt32(type);
                    break;
                case 10 when type == ThriftCompactReader.Struct:
                    logical = ReadLogicalType(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        if (children < 0)
        {
            throw new InvalidDataException($"the schema element '{name}' has {children} children");
        }

        // As Arrow: the logicalType when written, else the one a legacy converted_type implies.
        var resolved = logical ?? (converted >= 0 ? ParquetLogicalType.FromConverted(converted, scale, precision) : new ParquetLogicalType(ParquetLogicalType.None));
        return new ParquetSchemaElement(name, physical, length, repetition, children, resolved);
    }

    /// <summary>The <c>LogicalType</c> union: the member's id, with DECIMAL's, TIME's, TIMESTAMP's and INTEGER's parameters.</summary>
    private static ParquetLogicalType ReadLogicalType(ref ThriftCompactReader reader)
    {
        var result = new ParquetLogicalType(ParquetLogicalType.None);
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            if (type != ThriftCompactReader.Struct)
            {
                reader.Skip(type);
                continue;
            }

            result = id switch
            {
                ParquetLogicalType.Decimal => ReadDecimal(ref reader),
                ParquetLogicalType.Time or ParquetLogicalType.Timestamp => new ParquetLogicalType(id, Unit: ReadTimeUnit(ref reader)),
                ParquetLogicalType.Integer => ReadInteger(ref reader),
                _ => SkipStruct(ref reader, new ParquetLogicalType(id)),
            };
        }

        return result;
    }

    private static ParquetLogicalType SkipStruct(ref ThriftCompactReader reader, ParquetLogicalType result)
    {
        reader.Skip(ThriftCompactReader.Struct);
        return result;
    }

    /// <summary>A <c>DecimalType</c>: 1 scale, 2 precision.</summary>
    private static ParquetLogicalType ReadDecimal(ref ThriftCompactReader reader)
    {
        int scale = 0, precision = 0;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 1:
                    scale = reader.ReadInt32(type);
                    break;
                case 2:
                    precision = reader.ReadInt32(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return new ParquetLogicalType(ParquetLogicalType.Decimal, scale, precision);
    }

    /// <summary>A <c>TimeType</c> or <c>TimestampType</c>: 1 isAdjustedToUTC, 2 unit (a union: 1 MILLIS, 2 MICROS, 3 NANOS); 0 when the unit is unknown.</summary>
    private static int ReadTimeUnit(ref ThriftCompactReader reader)
    {
        var unit = 0;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            if (id == 2 && type == ThriftCompactReader.Struct)
            {
                short member = 0;
                while (reader.NextField(ref member, out var memberType))
                {
                    unit = member is >= ParquetLogicalType.Millis and <= ParquetLogicalType.Nanos ? member : 0;
                    reader.Skip(memberType);
                }
            }
            else
            {
                reader.Skip(type);
            }
        }

        return unit;
    }

    /// <summary>An <c>IntType</c>: 1 bitWidth, 2 isSigned.</summary>
    private static ParquetLogicalType ReadInteger(ref ThriftCompactReader reader)
    {
        int width = 0;
        var signed = true;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 1:
                    width = reader.ReadInt32(type);
                    break;
                case 2 when type is ThriftCompactReader.BooleanTrue or ThriftCompactReader.BooleanFalse:
                    signed = ThriftCompactReader.BooleanOf(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return new ParquetLogicalType(ParquetLogicalType.Integer, BitWidth: width, IsSigned: signed);
    }

    /// <summary>A <c>ColumnOrder</c> union: true for TYPE_ORDER (1), the order min_value and max_value follow.</summary>
    private static bool ReadColumnOrder(ref ThriftCompactReader reader)
    {
        var typeOrder = false;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            typeOrder |= id == 1 && type == ThriftCompactReader.Struct;
            reader.Skip(type);
        }

        return typeOrder;
    }

    /// <summary>A <c>RowGroup</c>: 1 columns, 3 num_rows.</summary>
    private static ParquetRowGroupFooter ReadRowGroup(ref ThriftCompactReader reader)
    {
        var chunks = new List<ParquetChunkLocation>();
        var statistics = new List<ParquetChunkStatistics?>();
        long rows = -1;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.List:
                    var count = ReadStructListHeader(ref reader, "columns");
                    for (var c = 0; c < count; c++)
                    {
                        chunks.Add(ReadColumnChunk(ref reader, out var stats));
                        statistics.Add(stats);
                    }

                    break;
                case 3:
                    rows = reader.ReadInt64(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        if (rows < 0)
        {
            throw new InvalidDataException("a row group has no num_rows");
        }

        return new ParquetRowGroupFooter(rows, [.. chunks], [.. statistics]);
    }

    /// <summary>A <c>ColumnChunk</c>: 1 file_path, 3 meta_data, 8 crypto_metadata, 9 encrypted_column_metadata.</summary>
    private static ParquetChunkLocation ReadColumnChunk(ref ThriftCompactReader reader, out ParquetChunkStatistics? statistics)
    {
        var location = default(ParquetChunkLocation);
        var readable = true;
        var hasMetadata = false;
        statistics = null;
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
                    location = ReadColumnMetaData(ref reader, out statistics);
                    hasMetadata = true;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return location with { Readable = readable && hasMetadata && location.Length > 0 && location.Start >= 4 };
    }

    /// <summary>
    /// A <c>ColumnMetaData</c>: 2 encodings, 4 codec, 5 num_values, 7 total_compressed_size, 9 data_page_offset,
    /// 11 dictionary_page_offset, 12 statistics.
    /// </summary>
    private static ParquetChunkLocation ReadColumnMetaData(ref ThriftCompactReader reader, out ParquetChunkStatistics? statistics)
    {
        long encodings = 0, values = 0, length = 0, dataPage = 0, dictionaryPage = 0;
        var codec = 0;
        statistics = null;
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
                case 12 when type == ThriftCompactReader.Struct:
                    statistics = ReadStatistics(ref reader);
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

    /// <summary>A <c>Statistics</c>: 1 max, 2 min (deprecated), 3 null_count, 5 max_value, 6 min_value.</summary>
    private static ParquetChunkStatistics ReadStatistics(ref ThriftCompactReader reader)
    {
        byte[]? max = null, min = null, maxValue = null, minValue = null;
        long? nulls = null;
        short id = 0;
        while (reader.NextField(ref id, out var type))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.Binary:
                    max = reader.ReadBinary().ToArray();
                    break;
                case 2 when type == ThriftCompactReader.Binary:
                    min = reader.ReadBinary().ToArray();
                    break;
                case 3 when type is ThriftCompactReader.I64 or ThriftCompactReader.I32:
                    nulls = reader.ReadInt64(type);
                    break;
                case 5 when type == ThriftCompactReader.Binary:
                    maxValue = reader.ReadBinary().ToArray();
                    break;
                case 6 when type == ThriftCompactReader.Binary:
                    minValue = reader.ReadBinary().ToArray();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return new ParquetChunkStatistics(nulls is >= 0 ? nulls : null, minValue, maxValue, min, max);
    }

    private static InvalidDataException NotParquet(string name, string reason, Exception? inner = null) =>
        new($"'{name}' is not a readable Parquet file: {reason}", inner);
}
