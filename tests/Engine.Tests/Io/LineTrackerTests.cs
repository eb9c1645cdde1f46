using System.Text;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

public sealed class LineTrackerTests
{
    [Fact]
    public async Task LineAt_BytesInBuffer_CountsLineFeedsBefore()
    {
        var (window, lines) = await LoadAsync("a\nb\nc\n", enabled: true);

        Assert.Equal(1, lines.LineAt(0));
        Assert.Equal(3, lines.LineAt(4));
        Assert.Equal(2, lines.LineAt(2));
        Assert.Equal(0, window.BufferAbs);
    }

    [Fact]
    public async Task LineAt_AfterShift_CountsLinesOfDroppedBytes()
    {
        var (window, lines) = await LoadAsync("a\nb\nc\nd\n", enabled: true);
        Assert.Equal(2, lines.LineAt(2));
        window.Start = 4;

        lines.BeforeShift();
        window.MakeRoom();

        Assert.Equal(4, window.BufferAbs);
        Assert.Equal(3, lines.LineAt(4));
        Assert.Equal(4, lines.LineAt(6));
    }

    [Fact]
    public async Task LineAt_Disabled_IsNull()
    {
        var (_, lines) = await LoadAsync("a\nb\n", enabled: false);

        Assert.Null(lines.LineAt(2));
    }

    private static async Task<(ScanWindow Window, LineTracker Lines)> LoadAsync(string text, bool enabled)
    {
        var window = new ScanWindow(64, 0, 1024);
        window.Open();
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text), writable: false);
        await window.ReadAsync(stream, default);
        return (window, new LineTracker(window, enabled));
    }
}
