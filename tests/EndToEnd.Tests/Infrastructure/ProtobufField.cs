using System.Text;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>One field of a protobuf message: its number and either a number (varint, fixed32, fixed64) or bytes.</summary>
public readonly record struct ProtobufField(int Number, ulong Value, ReadOnlyMemory<byte> Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    public string Hex => Convert.ToHexStringLower(Bytes.Span);
}
