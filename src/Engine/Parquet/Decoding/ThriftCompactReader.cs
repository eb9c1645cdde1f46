namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// Reads Thrift's compact protocol (the encoding of Parquet's page headers and footer) from a span: field headers,
/// zigzag varints, binaries, and the skipping of any field or container the caller does not want. Malformed bytes
/// (a truncated varint, a length past the end, an unknown type, nesting deeper than 64) throw
/// <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct ThriftCompactReader
{
    /// <summary>The compact protocol's type of a field: the end of a struct.</summary>
    public const byte Stop = 0;

    /// <summary>A boolean field whose value is true (in the field header itself).</summary>
    public const byte BooleanTrue = 1;

    /// <summary>A boolean field whose value is false (in the field header itself).</summary>
    public const byte BooleanFalse = 2;

    /// <summary>A signed byte.</summary>
    public const byte Byte = 3;

    /// <summary>A 16-bit integer (zigzag varint).</summary>
    public const byte I16 = 4;

    /// <summary>A 32-bit integer (zigzag varint).</summary>
    public const byte I32 = 5;

    /// <summary>A 64-bit integer (zigzag varint).</summary>
    public const byte I64 = 6;

    /// <summary>An 8-byte little-endian double.</summary>
    public const byte Double = 7;

    /// <summary>A length-prefixed byte string.</summary>
    public const byte Binary = 8;

    /// <summary>A list.</summary>
    public const byte List = 9;

    /// <summary>A set (encoded as a list).</summary>
    public const byte Set = 10;

    /// <summary>A map.</summary>
    public const byte Map = 11;

    /// <summary>A struct (fields up to a stop).</summary>
    public const byte Struct = 12;

    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _bytes;

    public ThriftCompactReader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>The bytes read so far.</summary>
    public int Position { get; private set; }

    /// <summary>
    /// Reads the next field header of the struct being read, given the id of the field before (0 at the struct's
    /// start). Returns false at the struct's stop. A boolean field's value is in its <paramref name="type"/>
    /// (<see cref="BooleanTrue"/> or <see cref="BooleanFalse"/>).
    /// </summary>
    public bool NextField(ref short fieldId, out byte type)
    {
        var header = ReadByte();
        type = (byte)(header & 0x0F);
        if (type == Stop)
        {
            return false;
        }

        var delta = header >> 4;
        fieldId = delta == 0 ? checked((short)ReadZigZag()) : (short)(fieldId + delta);
        return true;
    }

    /// <summary>A 32-bit integer (I32, I16 or a byte).</summary>
    public int ReadInt32(byte type) => type switch
    {
        Byte => (sbyte)ReadByte(),
        I16 or I32 => checked((int)ReadZigZag()),
        _ => throw Bad($"an integer field of compact type {type}"),
    };

    /// <summary>A 64-bit integer (I64, I32, I16 or a byte).</summary>
    public long ReadInt64(byte type) => type == Byte ? (sbyte)ReadByte() : type is I16 or I32 or I64 ? ReadZigZag() : throw Bad($"an integer field of compact type {type}");

    /// <summary>A boolean field's value, from its type in the field header.</summary>
    public static bool BooleanOf(byte type) => type switch
    {
        BooleanTrue => true,
        BooleanFalse => false,
        _ => throw Bad($"a boolean field of compact type {type}"),
    };

    /// <summary>A binary (or string) field's bytes, a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = ReadLength();
        var bytes = _bytes.Slice(Position, length);
        Position += length;
        return bytes;
    }

    /// <summary>A list or set header: the element count and the elements' type.</summary>
    public int ReadListHeader(out byte elementType)
    {
        var header = ReadByte();
        elementType = (byte)(header & 0x0F);
        var size = header >> 4;
        return size == 15 ? ReadLength() : size;
    }

    /// <summary>Skips a value of compact type <paramref name="type"/> (a field's, or a container element's).</summary>
    public void Skip(byte type) => Skip(type, 0);

    private void Skip(byte type, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Bad("structures nested more than 64 deep");
        }

        switch (type)
        {
            case BooleanTrue or BooleanFalse:
                return;
            case Byte:
                ReadByte();
                return;
            case I16 or I32 or I64:
                ReadVarint();
                return;
            case Double:
                Advance(8);
                return;
            case Binary:
                Advance(ReadLength());
                return;
            case List or Set:
                var count = ReadListHeader(out var element);
                for (var i = 0; i < count; i++)
                {
                    // In a list a boolean is a byte of its own.
                    if (element is BooleanTrue or BooleanFalse)
                    {
                        ReadByte();
                    }
                    else
                    {
                        Skip(element, depth + 1);
                    }
                }

                return;
            case Map:
                var entries = ReadLength();
                if (entries == 0)
                {
                    return;
                }

                var types = ReadByte();
                for (var i = 0; i < entries; i++)
                {
                    SkipElement((byte)(types >> 4), depth + 1);
                    SkipElement((byte)(types & 0x0F), depth + 1);
                }

                return;
            case Struct:
                short id = 0;
                while (NextField(ref id, out var fieldType))
                {
                    Skip(fieldType, depth + 1);
                }

                return;
            default:
                throw Bad($"an unknown compact type {type}");
        }
    }

    private void SkipElement(byte type, int depth)
    {
        if (type is BooleanTrue or BooleanFalse)
        {
            ReadByte();
        }
        else
        {
            Skip(type, depth);
        }
    }

    private int ReadLength()
    {
        var length = ReadVarint();
        if (length > (ulong)(_bytes.Length - Position))
        {
            throw Bad($"a length of {length} past the end of the {_bytes.Length} bytes");
        }

        return (int)length;
    }

    private long ReadZigZag()
    {
        var raw = ReadVarint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Bad("a varint longer than 10 bytes");
    }

    private byte ReadByte()
    {
        if (Position >= _bytes.Length)
        {
            throw Bad($"the end of the {_bytes.Length} bytes inside a value");
        }

        return _bytes[Position++];
    }

    private void Advance(int count)
    {
        if (count > _bytes.Length - Position)
        {
            throw Bad($"the end of the {_bytes.Length} bytes inside a value");
        }

        Position += count;
    }

    private static InvalidDataException Bad(string what) => new($"Malformed Thrift compact data: {what}.");
}
