using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Io;

public sealed class CsvRecordFramerTests
{
    private static readonly TableSchema s_schema = ScanHarness.Schema(("a", SqlType.BigInt), ("b", SqlType.Varchar));

    private static ScanOptions Csv(bool skip = true) => ScanHarness.Options(DataFormat.Csv, s_schema, skip: skip);

    [Fact]
    public async Task FrameRecords_WholeRecordsToTheEnd_DeliversEachAndStopsEmpty()
    {
        var fixture = await FramerFixture.LoadAsync("a,b\n1,x\r\n2,y", Csv());

        var stop = fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(FramingStop.Empty, stop);
        Assert.Equal(["x", "y"], fixture.Texts(1));
        Assert.Equal(2, fixture.Progress.Records);
        Assert.Equal(12, fixture.Progress.BytesScanned);
    }

    [Fact]
    public async Task FrameRecords_WindowEndsInsideRecord_StopsNeedMoreAtItsStart()
    {
        var fixture = await FramerFixture.LoadAsync("a,b\n1,x\n2,y", Csv(), toEnd: false);

        var stop = fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(FramingStop.NeedMore, stop);
        Assert.Equal(["x"], fixture.Texts(1));
        Assert.Equal(8, fixture.Window.Start);
    }

    [Fact]
    public async Task FrameRecords_NewlineInsideQuotes_FramesOneRecord()
    {
        var fixture = await FramerFixture.LoadAsync("a,b\n1,\"x\ny\"\n", Csv());

        fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(["x\ny"], fixture.Texts(1));
        Assert.Equal(2, fixture.Framer.QuoteCount);
    }

    [Fact]
    public async Task FrameRecords_RecordStartsAtRangeEnd_StopsRangeEnd()
    {
        var fixture = await FramerFixture.LoadAsync("a,b\n1,x\n2,y\n", Csv() with { RangeEnd = 8 });

        var stop = fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(FramingStop.RangeEnd, stop);
        Assert.Equal(["x"], fixture.Texts(1));
        Assert.Equal(8, fixture.Window.Start);
    }

    [Fact]
    public async Task FrameRecords_RecordLongerThanLimit_ReportsItAndStopsTooLong()
    {
        var fixture = await FramerFixture.LoadAsync("a,b\n1,xxxxxxxxxx", Csv() with { MaxRecordBytes = 4 }, toEnd: false);

        var stop = fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(FramingStop.TooLong, stop);
        var bad = Assert.Single(fixture.Bad.Samples);
        Assert.Equal("the record is longer than 4 bytes", bad.Reason);
        Assert.Equal(4, bad.ByteOffset);
        Assert.Equal(2, bad.Line);
        Assert.Equal(4, fixture.Window.Start);
    }

    [Fact]
    public async Task FrameRecords_WrongFieldCount_SkipsRecordWithItsLine()
    {
        var fixture = await FramerFixture.LoadAsync("a,b\n1,x\n2,y,z\n3,w\n", Csv());

        fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(["x", "w"], fixture.Texts(1));
        var bad = Assert.Single(fixture.Bad.Samples);
        Assert.Equal("expected 2 fields, found 3", bad.Reason);
        Assert.Equal(3, bad.Line);
        Assert.Equal(1, fixture.Bad.Count);
    }

    [Fact]
    public async Task FrameRecords_HeaderNotMatchingSchema_Throws()
    {
        var fixture = await FramerFixture.LoadAsync("a,c\n1,x\n", Csv());

        var ex = Assert.Throws<BadRecordException>(() => fixture.Framer.FrameRecords(fixture.Window));

        Assert.Contains("does not match the schema", ex.Record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameRecords_RangeAfterBlobStart_ReadsNoHeader()
    {
        var fixture = await FramerFixture.LoadAsync("1,x\n", Csv() with { RangeStart = 1 });

        fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal(["x"], fixture.Texts(1));
        Assert.Equal("the blob is empty", fixture.Framer.EmptyBlobReason);
    }

    [Fact]
    public async Task EmptyBlobReason_HeaderOnly_SaysHeaderButNoRecords()
    {
        var fixture = await FramerFixture.LoadAsync("a,b\n", Csv());

        fixture.Framer.FrameRecords(fixture.Window);

        Assert.Equal("the blob has a header but no records", fixture.Framer.EmptyBlobReason);
    }

    [Fact]
    public async Task OnRead_BytesAcrossRangeBounds_CountsQuotesWithinRangeOnly()
    {
        var fixture = await FramerFixture.LoadAsync(string.Empty, Csv() with { RangeStart = 2, RangeEnd = 6 });

        fixture.Framer.OnRead("\"\"\"\"\"\"\"\""u8, 0);
        fixture.Framer.OnRead("\"\""u8, 5);

        Assert.Equal(5, fixture.Framer.QuoteCount);
    }

    [Fact]
    public async Task FindRecordEnd_NewlineInsideQuotes_SkipsIt()
    {
        var fixture = await FramerFixture.LoadAsync(string.Empty, Csv());
        var state = QuoteState.FieldStart;

        var end = fixture.Framer.FindRecordEnd("\"x\ny\"\nz"u8, ref state);

        Assert.Equal(6, end);
        Assert.Equal(QuoteState.FieldStart, state);
    }
}
