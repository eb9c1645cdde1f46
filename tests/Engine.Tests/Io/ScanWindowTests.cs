using System.Text;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

public sealed class ScanWindowTests
{
    [Fact]
    public async Task ReadAsync_StreamWithBytes_AppendsThemAndAdvancesStreamOffset()
    {
        var window = Open(16, streamAbs: 100);
        using var stream = Stream("abcdef");

        var n = await window.ReadAsync(stream, default);

        Assert.Equal(6, n);
        Assert.Equal("abcdef", Encoding.ASCII.GetString(window.Unread));
        Assert.Equal(100, window.BufferAbs);
        Assert.Equal(106, window.StreamAbs);
        Assert.False(window.Eof);
    }

    [Fact]
    public async Task ReadAsync_StreamEnded_ReturnsZeroAndSetsEof()
    {
        var window = Open(16);
        using var stream = Stream("ab");
        await window.ReadAsync(stream, default);

        var n = await window.ReadAsync(stream, default);

        Assert.Equal(0, n);
        Assert.True(window.Eof);
        Assert.Equal(2, window.End);
    }

    [Fact]
    public async Task MakeRoom_SomeBytesRead_MovesUnreadToFrontAndKeepsAbsoluteOffsets()
    {
        var window = Open(16, streamAbs: 10);
        using var stream = Stream("0123456789abcdefghij");
        await window.ReadAsync(stream, default);
        Assert.True(window.IsFull);
        window.Start = 10;

        window.MakeRoom();

        Assert.Equal(0, window.Start);
        Assert.Equal(6, window.End);
        Assert.Equal(20, window.BufferAbs);
        Assert.Equal("abcdef", Encoding.ASCII.GetString(window.Unread));
        await window.ReadAsync(stream, default);
        Assert.Equal("abcdefghij", Encoding.ASCII.GetString(window.Unread));
        Assert.Equal(30, window.StreamAbs);
    }

    [Fact]
    public async Task MakeRoom_FullAndNothingRead_GrowsAndKeepsBytes()
    {
        var window = Open(16, maxRecordBytes: 100);
        using var stream = Stream("0123456789abcdef0123456789abcdef");
        await window.ReadAsync(stream, default);
        Assert.True(window.IsFull);

        window.MakeRoom();

        Assert.True(window.Buffer.Length >= 32);
        Assert.False(window.IsFull);
        Assert.Equal("0123456789abcdef", Encoding.ASCII.GetString(window.Unread));
        Assert.Equal(0, window.BufferAbs);
    }

    [Fact]
    public async Task MakeRoom_FullAtRecordLimit_Throws()
    {
        var window = Open(16, maxRecordBytes: 4);
        using var stream = Stream(new string('x', 64));
        await window.ReadAsync(stream, default);
        Assert.True(window.IsFull);

        Assert.Throws<InvalidOperationException>(window.MakeRoom);
    }

    [Fact]
    public async Task ReadOverAsync_AfterRecords_DropsThemAndStartsAtStreamOffset()
    {
        var window = Open(16);
        using var stream = Stream(new string('x', 40));
        await window.ReadAsync(stream, default);

        var n = await window.ReadOverAsync(stream, default);

        Assert.Equal(16, n);
        Assert.Equal(16, window.BufferAbs);
        Assert.Equal(32, window.StreamAbs);
        Assert.Equal(0, window.Start);
        Assert.Equal(0, window.End);
    }

    [Fact]
    public void Close_AfterOpen_LeavesEmptyBuffer()
    {
        var window = Open(16);

        window.Close();

        Assert.Empty(window.Buffer);
    }

    private static ScanWindow Open(int size, long streamAbs = 0, int maxRecordBytes = 1 << 20)
    {
        var window = new ScanWindow(size, streamAbs, maxRecordBytes);
        window.Open();
        return window;
    }

    private static MemoryStream Stream(string text) => new(Encoding.ASCII.GetBytes(text), writable: false);
}
