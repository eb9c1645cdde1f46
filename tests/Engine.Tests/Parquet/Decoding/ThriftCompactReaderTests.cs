using OrleansProc.Engine.Parquet.Decoding;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>The Thrift compact protocol reader on bytes built by hand from the protocol's specification.</summary>
public sealed class ThriftCompactReaderTests
{
    [Fact]
    public void NextField_ShortAndLongFieldHeaders_ReadsIdsTypesAndValues()
    {
        byte[] bytes =
        [
            0x15, 0xC8, 0x01, // field 1 (delta 1), i32, zigzag 200 = 100
            0x26, 0x03,       // field 3 (delta 2), i64, zigzag 3 = -2
            0x11,             // field 4 (delta 1), boolean true
            0x05, 0x28, 0x7F, // field 20 (long form: type i32, zigzag id 40), zigzag 127 = -64
            0x00,             // stop
        ];
        var reader = new ThriftCompactReader(bytes);
        short id = 0;

        Assert.True(reader.NextField(ref id, out var type));
        Assert.Equal((1, ThriftCompactReader.I32, 100), (id, type, reader.ReadInt32(type)));
        Assert.True(reader.NextField(ref id, out type));
        Assert.Equal((3, ThriftCompactReader.I64, -2L), (id, type, reader.ReadInt64(type)));
        Assert.True(reader.NextField(ref id, out type));
        Assert.Equal(4, id);
        Assert.True(ThriftCompactReader.BooleanOf(type));
        Assert.True(reader.NextField(ref id, out type));
        Assert.Equal((20, ThriftCompactReader.I32, -64), (id, type, reader.ReadInt32(type)));
        Assert.False(reader.NextField(ref id, out _));
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Fact]
    public void Skip_EveryCompactType_LandsOnTheNextField()
    {
        byte[] bytes =
        [
            0x13, 0xFF,                                           // 1: byte
            0x14, 0x81, 0x01,                                     // 2: i16 (two-byte varint)
            0x17, 1, 2, 3, 4, 5, 6, 7, 8,                         // 3: double
            0x18, 0x03, (byte)'a', (byte)'b', (byte)'c',          // 4: binary of 3
            0x19, 0x35, 0x02, 0x04, 0x06,                         // 5: list of 3 i32
            0x19, 0x21, 0x01, 0x02,                               // 6: list of 2 booleans (a byte each)
            0x1B, 0x02, 0x58, 0x02, 0x01, (byte)'x', 0x04, 0x00, // 7: map of 2 i32 -> binary
            0x1C, 0x15, 0x02, 0x1C, 0x11, 0x00, 0x00,            // 8: struct { 1: i32, 2: struct { 1: true } }
            0x1B, 0x00,                                           // 9: empty map
            0x19, 0xF5, 0x11, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, // 10: list of 17 (long form)
            0x15, 0x54,                                           // 11: i32 42
            0x00,
        ];
        var reader = new ThriftCompactReader(bytes);
        short id = 0;
        for (var field = 1; field <= 10; field++)
        {
            Assert.True(reader.NextField(ref id, out var type));
            Assert.Equal(field, id);
            reader.Skip(type);
        }

        Assert.True(reader.NextField(ref id, out var last));
        Assert.Equal((11, 42), (id, reader.ReadInt32(last)));
        Assert.False(reader.NextField(ref id, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x15, 0x80 })]             // a varint cut short
    [InlineData(new byte[] { 0x18, 0x05, 0x61 })]       // a binary of 5 bytes, 1 there
    [InlineData(new byte[] { 0x1F })]                   // an unknown type
    [InlineData(new byte[] { 0x15, 0x02 })]             // no stop
    public void Skip_MalformedBytes_ThrowsInvalidData(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new ThriftCompactReader(bytes);
            reader.Skip(ThriftCompactReader.Struct);
        });
    }
}
