using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Processing;

/// <summary>
/// A compact binary form of <see cref="SqlValue"/> for partials: a type byte, then BIGINT, TIMESTAMP and DATE as
/// zig-zag 7-bit varints, DOUBLE as 8 bytes, BOOLEAN as a byte, VARCHAR as a length-prefixed UTF-8 string.
/// </summary>
public static class SqlValueCodec
{
    public static void Write(BinaryWriter writer, in SqlValue value)
    {
        writer.Write((byte)value.Type);
        switch (value.Type)
        {
            case SqlType.Null:
                break;
            case SqlType.BigInt:
            case SqlType.Timestamp:
            case SqlType.Date:
                WriteInt64(writer, value.Int64);
                break;
            case SqlType.Double:
                writer.Write(value.Float64);
                break;
            case SqlType.Boolean:
                writer.Write(value.Bool);
                break;
            default:
                writer.Write(value.Text);
                break;
        }
    }

    public static SqlValue Read(BinaryReader reader)
    {
        var type = (SqlType)reader.ReadByte();
        return type switch
        {
            SqlType.Null => SqlValue.Null,
            SqlType.BigInt => SqlValue.FromInt64(ReadInt64(reader)),
            SqlType.Timestamp => SqlValue.FromTimestamp(ReadInt64(reader)),
            SqlType.Date => SqlValue.FromDate(ReadInt64(reader)),
            SqlType.Double => SqlValue.FromDouble(reader.ReadDouble()),
            SqlType.Boolean => SqlValue.FromBool(reader.ReadBoolean()),
            SqlType.Varchar => SqlValue.FromText(reader.ReadString()),
            _ => throw new InvalidDataException($"unknown value type {(byte)type} in a partial"),
        };
    }

    /// <summary>Writes a signed integer as a zig-zag varint (small magnitudes take few bytes).</summary>
    public static void WriteInt64(BinaryWriter writer, long value) =>
        writer.Write7BitEncodedInt64((value << 1) ^ (value >> 63));

    public static long ReadInt64(BinaryReader reader)
    {
        var raw = (ulong)reader.Read7BitEncodedInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }
}
