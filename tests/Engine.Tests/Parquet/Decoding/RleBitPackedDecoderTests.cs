using OrleansProc.Engine.Parquet.Decoding;

namespace OrleansProc.Engine.Tests.Parquet.Decoding;

/// <summary>The RLE/bit-packed hybrid decoder on bytes from the Parquet specification's examples and built by hand from its grammar.</summary>
public sealed class RleBitPackedDecoderTests
{
    [Fact]
    public void Read_SpecificationsBitPackedExample_DecodesZeroToSeven()
    {
        // Encodings.md: 0..7 in 3 bits are 10001000 11000110 11111010; one group of 8, header (1 << 1) | 1.
        byte[] bytes = [0x03, 0x88, 0xC6, 0xFA];
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, 3);
        var values = new int[8];

        decoder.Read(values);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
    }

    [Fact]
    public void Read_RleRunThenBitPackedRunAcrossCalls_DecodesBoth()
    {
        // An RLE run of 5 × 300 in 9 bits (header 5 << 1, value in 2 bytes little-endian), then 8 values of 9 bits
        // 1, 2, ..., 8 bit-packed (9 bytes), read 3 at a time.
        byte[] bytes = [0x0A, 0x2C, 0x01, 0x03, 0x01, 0x04, 0x0C, 0x20, 0x50, 0xC0, 0xC0, 0x01, 0x04];
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, 9);
        var values = new List<int>();
        var chunk = new int[3];
        for (var i = 0; i < 4; i++)
        {
            decoder.Read(chunk);
            values.AddRange(chunk);
        }

        decoder.Read(chunk.AsSpan(0, 1));
        values.Add(chunk[0]);
        Assert.Equal([300, 300, 300, 300, 300, 1, 2, 3, 4, 5, 6, 7, 8], values);
    }

    [Fact]
    public void ReadLevels_RunsOfNullsAndValues_CountsTheDefinedRows()
    {
        // Levels 1 × 4 (RLE), then 1,0,1,1,0,0,1,0 bit-packed in 1 bit (0b01001101), then 0 × 3 (RLE).
        byte[] bytes = [0x08, 0x01, 0x03, 0x4D, 0x06, 0x00];
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, 1);
        var levels = new short[15];

        var defined = decoder.ReadLevels(levels, 1);

        Assert.Equal(new short[] { 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0 }, levels);
        Assert.Equal(8, defined);
    }

    [Fact]
    public void ReadLevels_ThreeAtATimeAcrossTwoBitPackedGroups_SameLevelsAndCount()
    {
        // Two groups of 1-bit levels bit-packed (header (2 << 1) | 1): 0b10110011, 0b01111110.
        byte[] bytes = [0x05, 0xB3, 0x7E];
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, 1);
        var levels = new short[16];
        var defined = 0;
        for (var start = 0; start < 16; start += 3)
        {
            defined += decoder.ReadLevels(levels.AsSpan(start, Math.Min(3, 16 - start)), 1);
        }

        Assert.Equal(new short[] { 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0 }, levels);
        Assert.Equal(11, defined);
    }

    [Fact]
    public void Read_BitWidthZero_GivesZeros()
    {
        byte[] bytes = [0x14];
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, 0);
        var values = new int[10];
        Array.Fill(values, 7);

        decoder.Read(values);

        Assert.All(values, v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x01 }, 3)]       // an RLE run of 2, 3 asked for
    [InlineData(new byte[] { 0x03, 0x88 }, 8)]       // a bit-packed group cut after 1 of its 3 bytes
    [InlineData(new byte[] { 0x8A }, 1)]             // a header cut short
    public void Read_PastTheData_ThrowsInvalidData(byte[] bytes, int count)
    {
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, 3);
        Assert.Throws<InvalidDataException>(() => decoder.Read(new int[count]));
    }

    [Fact]
    public void Gather_SomePositionsOfRleAndBitPackedRunsInTwoCalls_ThoseValuesAndTheNextReadInStep()
    {
        // The bytes of Read_RleRunThenBitPackedRunAcrossCalls_DecodesBoth (300 x 5, then 1..8 in 9 bits), then an RLE
        // run of 2 x 7: the first 10 values gathered at 1, 4, 5, 9, the next 3 at 0 and 2, then 2 values read.
        byte[] bytes = [0x0A, 0x2C, 0x01, 0x03, 0x01, 0x04, 0x0C, 0x20, 0x50, 0xC0, 0xC0, 0x01, 0x04, 0x04, 0x07, 0x00];
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, 9);
        var first = new int[4];
        var second = new int[2];
        var rest = new int[2];

        decoder.Gather([1, 4, 5, 9], 10, first);
        decoder.Gather([0, 2], 3, second);
        decoder.Read(rest);

        Assert.Equal([300, 300, 1, 5], first);
        Assert.Equal([6, 8], second);
        Assert.Equal([7, 7], rest);
    }

    [Fact]
    public void Gather_PositionPastACutBitPackedRun_ThrowsInvalidData()
    {
        // A bit-packed group of 8 values in 3 bits cut after 1 of its 3 bytes: value 5 lies past the data.
        byte[] bytes = [0x03, 0x88];
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(bytes, 0, bytes.Length, 3);
        Assert.Throws<InvalidDataException>(() => decoder.Gather([5], 8, new int[1]));
    }
}
