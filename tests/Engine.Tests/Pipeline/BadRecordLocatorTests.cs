using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;

namespace OrleansProc.Engine.Tests.Pipeline;

public sealed class BadRecordLocatorTests
{
    private readonly InMemoryBlobs _blobs = new InMemoryBlobs().Add("a.csv", "id\n1\n2\nbad\n");

    [Fact]
    public async Task LocateAsync_MidBlobRecord_FillsInItsLine()
    {
        var located = await BadRecordLocator.LocateAsync(new BadRecord("a.csv", 7, null, "not a number"), _blobs.OpenToAsync);

        Assert.Equal(4, located.Line);
        Assert.Equal("a.csv, line 4: not a number", located.ToString());
    }

    [Fact]
    public async Task LocateAsync_LineKnown_ReturnsTheRecordWithoutOpening()
    {
        var record = new BadRecord("a.csv", 7, 9, "x");

        Assert.Same(record, await BadRecordLocator.LocateAsync(record, (_, _, _) => throw new InvalidOperationException("opened")));
    }

    [Fact]
    public async Task LocateAsync_Gzip_ReturnsTheRecordWithoutOpening()
    {
        var record = new BadRecord("a.csv.GZ", 7, null, "x");

        Assert.Same(record, await BadRecordLocator.LocateAsync(record, (_, _, _) => throw new InvalidOperationException("opened")));
    }

    [Fact]
    public async Task LocateAsync_SourceGone_ReturnsTheRecordByItsOffset()
    {
        var record = new BadRecord("gone.csv", 7, null, "x");

        var located = await BadRecordLocator.LocateAsync(record, _blobs.OpenToAsync);

        Assert.Same(record, located);
        Assert.Equal("gone.csv, byte 7: x", located.ToString());
    }
}
