using System.Buffers.Binary;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>The protobuf wire format, as much of it as reading an OTLP request needs: a message's fields, in order.</summary>
public static class Protobuf
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    public static IReadOnlyList<ProtobufField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtobufField>();
        var bytes = message.Span;
        var position = 0;
        while (position < bytes.Length)
        {
            var key = ReadVarint(bytes, ref position);
            var number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case Varint:
                    fields.Add(new ProtobufField(number, ReadVarint(bytes, ref position), default));
                    break;
                case Fixed64:
                    fields.Add(new ProtobufField(number, BinaryPrimitives.ReadUInt64LittleEndian(bytes[position..]), default));
                    position += 8;
                    break;
                case LengthDelimited:
                    var length = (int)ReadVarint(bytes, ref position);
                    fields.Add(new ProtobufField(number, 0, message.Slice(position, length)));
                    position += length;
                    break;
                case Fixed32:
                    fields.Add(new ProtobufField(number, BinaryPrimitives.ReadUInt32LittleEndian(bytes[position..]), default));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"wire type {key & 7} of field {number} at byte {position} is not protobuf's");
            }
        }

        return fields;
    }

    /// <summary>The embedded messages (or strings, or bytes) of field <paramref name="number"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Children(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number).Select(f => f.Bytes);

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
