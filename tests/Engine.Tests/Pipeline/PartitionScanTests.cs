using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Pipeline;

public sealed class PartitionScanTests
{
    private static readonly TableSchema Schema = new([new ColumnSchema("id", SqlType.BigInt), new ColumnSchema("text", SqlType.Varchar)]);

    private static IPartitionProcessor CountAndSum() => ProcessorFactory.Instance.Create(ProcessorSpec.Query("SELECT COUNT(*), SUM(id) FROM t"), Schema);

    private static PartitionScanSettings Csv(bool skip = false) => new() { Format = DataFormat.Csv, SkipBadRecords = skip };

    private static async Task<(PartitionScanResult Scan, IPartial Partial)> ScanAsync(
        InMemoryBlobs blobs, IReadOnlyList<InputSlice> slices, PartitionScanSettings settings, IPartitionProcessor? processor = null)
    {
        processor ??= CountAndSum();
        var partial = processor.CreatePartial();
        var scan = await PartitionScan.ScanAsync(slices, blobs.OpenAsync, processor, partial, settings);
        return (scan, partial);
    }

    private static long[] Answer(IPartitionProcessor processor, IPartial partial)
    {
        var row = Assert.Single(processor.Finish(partial).Rows);
        return [.. row.Select(v => v.Int64)];
    }

    [Fact]
    public async Task ScanAsync_TwoWholeBlobs_CountsRowsBytesAndQuotesPerSlice()
    {
        var blobs = new InMemoryBlobs().Add("a.csv", "id,text\n1,\"x\"\n2,y\n").Add("b.csv", "id,text\n3,z\n");
        var processor = CountAndSum();

        var partial = processor.CreatePartial();
        var scan = await PartitionScan.ScanAsync(
            [new InputSlice("a.csv", 0, long.MaxValue, false), new InputSlice("b.csv", 0, long.MaxValue, false)],
            blobs.OpenAsync, processor, partial, Csv());

        Assert.Null(scan.Error);
        Assert.Equal(3, scan.Rows);
        Assert.Equal(blobs.Length("a.csv") + blobs.Length("b.csv"), scan.Bytes);
        Assert.Equal([2L, 0L], scan.QuoteCounts);
        Assert.Equal([3L, 6L], Answer(processor, partial));
    }

    [Fact]
    public async Task ScanAsync_RangesOfOneBlob_TogetherReadEveryRecordOnce()
    {
        const string Text = "id,text\n1,aaaa\n2,bbbb\n3,cccc\n4,dddd\n";
        var blobs = new InMemoryBlobs().Add("a.csv", Text);
        var processor = CountAndSum();
        var merged = processor.CreatePartial();
        long rows = 0;
        foreach (var (start, end) in new[] { (0L, 12L), (12L, 25L), (25L, long.MaxValue) })
        {
            var (scan, partial) = await ScanAsync(blobs, [new InputSlice("a.csv", start, end, false)], Csv(), processor);
            Assert.Null(scan.Error);
            rows += scan.Rows;
            merged.Merge(partial);
        }

        Assert.Equal(4, rows);
        Assert.Equal([4L, 10L], Answer(processor, merged));
    }

    [Fact]
    public async Task ScanAsync_GzipBlob_ReadsDecompressed()
    {
        var blobs = new InMemoryBlobs().AddGzip("a.csv.gz", "id,text\n5,x\n6,y\n");

        var (scan, _) = await ScanAsync(blobs, [new InputSlice("a.csv.gz", 0, long.MaxValue, true)], Csv());

        Assert.Null(scan.Error);
        Assert.Equal(2, scan.Rows);
    }

    [Fact]
    public async Task ScanAsync_BadRecord_ReturnsErrorAndStopsBeforeLaterSlices()
    {
        var blobs = new InMemoryBlobs().Add("a.csv", "id,text\n1,x\nnot a number,y\n").Add("b.csv", "id,text\n3,z\n");

        var (scan, _) = await ScanAsync(
            blobs, [new InputSlice("a.csv", 0, long.MaxValue, false), new InputSlice("b.csv", 0, long.MaxValue, false)], Csv());

        Assert.NotNull(scan.Error);
        Assert.Equal("a.csv", scan.Error.Record.Source);
        Assert.Equal(3, scan.Error.Record.Line);
        Assert.Equal([-1L, -1L], scan.QuoteCounts);
        Assert.Equal(["a.csv"], blobs.Opened);
    }

    [Fact]
    public async Task ScanAsync_BadRecordInMidBlobRange_CarriesTheRangeQuoteCount()
    {
        const string Text = "id,text\n1,\"q\"\n2,x\nbad,\"y\"\n";
        var blobs = new InMemoryBlobs().Add("a.csv", Text);

        var (scan, _) = await ScanAsync(blobs, [new InputSlice("a.csv", 14, long.MaxValue, false)], Csv());

        Assert.NotNull(scan.Error);
        Assert.Null(scan.Error.Record.Line);
        Assert.Equal(2, scan.Error.QuoteCount);
        Assert.Equal([2L], scan.QuoteCounts);
    }

    [Fact]
    public async Task ScanAsync_SkipBadRecords_CountsThemAndKeepsSamplesUpToTheLimit()
    {
        var blobs = new InMemoryBlobs().Add("a.csv", "id,text\nx,1\ny,2\n7,ok\n").Add("b.csv", "id,text\nz,3\n");

        var (scan, _) = await ScanAsync(
            blobs,
            [new InputSlice("a.csv", 0, long.MaxValue, false), new InputSlice("b.csv", 0, long.MaxValue, false)],
            Csv(skip: true) with { MaxBadRecordSamples = 2 });

        Assert.Null(scan.Error);
        Assert.Equal(1, scan.Rows);
        Assert.Equal(3, scan.BadRecords);
        Assert.Equal(2, scan.BadRecordSamples.Count);
        Assert.All(scan.BadRecordSamples, b => Assert.Equal("a.csv", b.Source));
    }

    [Fact]
    public async Task ScanAsync_Hooks_CalledAroundEachSliceInOrder()
    {
        var blobs = new InMemoryBlobs().Add("a.csv", "id,text\n1,x\n").Add("b.csv", "id,text\n2,y\n3,z\n");
        var calls = new List<string>();

        await ScanAsync(
            blobs,
            [new InputSlice("a.csv", 0, long.MaxValue, false), new InputSlice("b.csv", 0, long.MaxValue, false)],
            Csv() with
            {
                SliceStarting = s => calls.Add($"start {s.BlobName}"),
                SliceScanned = (s, r) => calls.Add($"scanned {s.BlobName} {r.Records}"),
            });

        Assert.Equal(["start a.csv", "scanned a.csv 1", "start b.csv", "scanned b.csv 2"], calls);
    }

    [Fact]
    public async Task ScanAsync_SliceStartingThrows_ThrowsBeforeOpeningTheSlice()
    {
        var blobs = new InMemoryBlobs().Add("a.csv", "id,text\n1,x\n").Add("fault.csv", "id,text\n2,y\n");

        var settings = Csv() with { SliceStarting = s => { if (s.BlobName == "fault.csv") { throw new IOException("injected"); } } };

        await Assert.ThrowsAsync<IOException>(() => ScanAsync(
            blobs, [new InputSlice("a.csv", 0, long.MaxValue, false), new InputSlice("fault.csv", 0, long.MaxValue, false)], settings));
        Assert.Equal(["a.csv"], blobs.Opened);
    }

    [Fact]
    public async Task ScanAsync_ReadAhead_OpensLaterSlicesBeforeTheyAreScanned()
    {
        var blobs = new InMemoryBlobs().Add("a.csv", "id,text\n1,x\n").Add("b.csv", "id,text\n2,y\n").Add("c.csv", "id,text\n3,z\n");
        var openedWhenFirstScanned = -1;

        var (scan, _) = await ScanAsync(
            blobs,
            [new InputSlice("a.csv", 0, long.MaxValue, false), new InputSlice("b.csv", 0, long.MaxValue, false), new InputSlice("c.csv", 0, long.MaxValue, false)],
            Csv() with { ReadAhead = 2, SliceScanned = (s, _) => openedWhenFirstScanned = openedWhenFirstScanned < 0 ? blobs.Opened.Count : openedWhenFirstScanned });

        Assert.Equal(3, scan.Rows);
        Assert.Equal(3, openedWhenFirstScanned);
    }
}
