using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Io;

public sealed class LineRecordFramerTests
{
    private static readonly TableSchema s_text = ScanHarness.Schema(("line", SqlType.Varchar));

    private static readonly TableSchema s_json = ScanHarness.Schema(("x", SqlType.BigInt));

    private static ScanOptions Text() => ScanHarness.Options(DataFormat.Text, s_text, skip: true);

    private static ScanOptions Json() => ScanHarness.Options(DataFormat.Jsonl, s_json, skip: true);

    [Fact]
    public async Task FrameRecords_TextLines_DeliversEachWithoutCrAndKeepsBlankLines()
    {
        var fixture = await FramerFixture.LoadAsync("a\r\nb\n\nc", Text());

        var stop = fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(FramingStop.Empty, stop);
        Assert.Equal(["a", "b", "", "c"], fixture.Texts(0));
        Assert.Equal(4, fixture.Progress.Records);
        Assert.Equal(7, fixture.Progress.BytesScanned);
    }

    [Fact]
    public async Task FrameRecords_JsonBlankLines_SkipsThem()
    {
        var fixture = await FramerFixture.LoadAsync("{\"x\":1}\n \t\n{\"x\":2}\n", Json());

        fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(["1", "2"], fixture.Texts(0));
        Assert.Equal(0, fixture.Bad.Count);
    }

    [Fact]
    public async Task FrameRecords_JsonNotAnObject_SkipsItWithItsLine()
    {
        var fixture = await FramerFixture.LoadAsync("{\"x\":1}\n[1]\n{\"x\":3}\n", Json());

        fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(["1", "3"], fixture.Texts(0));
        var bad = Assert.Single(fixture.Bad.Samples);
        Assert.Equal(2, bad.Line);
        Assert.Equal(8, bad.ByteOffset);
    }

    [Fact]
    public async Task FrameRecords_InvalidUtf8_SkipsLine()
    {
        var fixture = await FramerFixture.LoadAsync("a\n\uFFFD\nb\n", Text());
        fixture.Window.Buffer[2] = 0xFF;

        fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(["a", "b"], fixture.Texts(0));
        Assert.Equal("invalid UTF-8", Assert.Single(fixture.Bad.Samples).Reason);
    }

    [Fact]
    public async Task FrameRecords_WindowEndsInsideLine_StopsNeedMore()
    {
        var fixture = await FramerFixture.LoadAsync("a\nbc", Text(), toEnd: false);

        var stop = fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(FramingStop.NeedMore, stop);
        Assert.Equal(["a"], fixture.Texts(0));
        Assert.Equal(2, fixture.Window.Start);
    }

    [Fact]
    public async Task FrameRecords_LineLongerThanLimit_StopsTooLong()
    {
        var fixture = await FramerFixture.LoadAsync("a\nbcdefgh", Text() with { MaxRecordBytes = 3 }, toEnd: false);

        var stop = fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(FramingStop.TooLong, stop);
        Assert.Equal("the record is longer than 3 bytes", Assert.Single(fixture.Bad.Samples).Reason);
    }

    [Fact]
    public async Task FindRecordEnd_QuoteBeforeNewline_EndsAtTheNewline()
    {
        var fixture = await FramerFixture.LoadAsync(string.Empty, Text());
        var state = QuoteState.FieldStart;

        var end = fixture.Framer.FindRecordEnd("\"a\nb"u8, ref state);

        Assert.Equal(3, end);
        Assert.False(fixture.Framer.TracksQuotes);
    }

    [Fact]
    public async Task EmptyBlobReason_BlankJsonLines_SaysNoRecords()
    {
        var empty = await FramerFixture.LoadAsync(string.Empty, Json());
        var blank = await FramerFixture.LoadAsync("\n\n", Json());

        blank.Framer.FrameRecords(blank.Window);

        Assert.Equal("the blob is empty", empty.Framer.EmptyBlobReason);
        Assert.Equal("the blob has no records", blank.Framer.EmptyBlobReason);
    }
}
