using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

public sealed class RangeCutterTests
{
    [Fact]
    public void DefaultPartitionSize_BlobsOfAboutTheSizeAroundIt_CutsEveryOneAlike()
    {
        // Eight files of about 63 MB, as a Parquet copy of 1 GB of CSV: the size of the total (a quarter of a core's share)
        // falls between their lengths, so cutting at it would halve five files and keep three whole.
        long[] lengths = [63_081_191, 63_090_068, 63_095_677, 63_095_773, 63_090_188, 63_096_837, 63_088_313, 63_071_705];
        var blobs = lengths.Select((length, i) => new BlobInfo($"sales-{i:00}.parquet", length, false)).ToList();
        var unbalanced = RangeCutter.Plan(blobs, RangeCutter.DefaultPartitionSize(lengths.Sum(), 2));

        var plan = RangeCutter.Plan(blobs, RangeCutter.DefaultPartitionSize(blobs, 2, cutBlobs: true));

        Assert.Equal(13, unbalanced.Count);
        Assert.Equal(blobs.Select(b => b.Name), plan.Select(p => p.Slices.Single().BlobName));
        Assert.All(plan, p => Assert.True(p.Slices.Single().IsWholeBlob));
    }

    [Fact]
    public void DefaultPartitionSize_BlobsOfAboutTwiceTheSize_CutsEveryOneInTwo()
    {
        // Eight CSV files of about 130 MB on a cluster of 4 cores: the size is about half a file, some files just over twice it.
        long[] lengths = [130_421_655, 130_498_202, 130_537_118, 130_376_540, 130_522_941, 130_470_003, 130_544_212, 130_401_877];
        var blobs = lengths.Select((length, i) => new BlobInfo($"sales-{i:00}.csv", length, false)).ToList();

        var plan = RangeCutter.Plan(blobs, RangeCutter.DefaultPartitionSize(blobs, 4, cutBlobs: true));

        Assert.All(blobs, b => Assert.Equal(2, plan.Count(p => p.Slices.Single().BlobName == b.Name)));
        Assert.Equal(16, plan.Count);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void DefaultPartitionSize_BlobsThatAreNotCut_KeepsTheTotalsSize(bool cutBlobs, bool gzip)
    {
        var blobs = Enumerable.Range(0, 8).Select(i => new BlobInfo($"part-{i}", 63_090_000 + i, gzip)).ToList();

        Assert.Equal(RangeCutter.DefaultPartitionSize(blobs.Sum(b => b.Length), 2), RangeCutter.DefaultPartitionSize(blobs, 2, cutBlobs));
    }

    [Theory]
    [InlineData(4, 20L << 20, 20L << 20)] // the blobs no longer than the total's size (a quarter): unchanged
    [InlineData(1, 3L << 19, RangeCutter.MinDefaultPartitionSize)] // two ranges of 0.75 MiB would do: the floor holds
    [InlineData(10, 100L << 20, 50L << 20)] // the cap, 64 MiB, would cut each into 64 + 36: two of 50 instead
    [InlineData(10, 90L << 20, 45L << 20)] // one range, the nearest, would pass the cap: two of 45
    public void DefaultPartitionSize_BlobsLongerThanIt_AreCutIntoEqualRanges(int count, long length, long expected)
    {
        var blobs = Enumerable.Range(0, count).Select(i => new BlobInfo($"part-{i}", length, false)).ToList();

        Assert.Equal(expected, RangeCutter.DefaultPartitionSize(blobs, 1, cutBlobs: true));
    }

    [Fact]
    public void Plan_LargeBlob_IsCutIntoNearlyEqualRanges()
    {
        var plan = RangeCutter.Plan([new BlobInfo("big.csv", 1000, false)], 300);

        Assert.Equal(4, plan.Count);
        Assert.Equal(
            [new InputSlice("big.csv", 0, 250, false), new InputSlice("big.csv", 250, 500, false), new InputSlice("big.csv", 500, 750, false), new InputSlice("big.csv", 750, long.MaxValue, false)],
            plan.Select(p => p.Slices.Single()));
        Assert.All(plan, p => Assert.Equal(250, p.Bytes));
        Assert.Equal([0, 1, 2, 3], plan.Select(p => p.Index));
    }

    [Fact]
    public void Plan_SmallBlobs_ArePackedInNameOrder()
    {
        BlobInfo[] blobs = [new("c", 40, false), new("a", 50, false), new("b", 30, true), new("d", 0, false), new("e", 90, false)];

        var plan = RangeCutter.Plan(blobs, 100);

        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], plan.Select(p => p.Slices.Select(s => s.BlobName).ToArray()));
        Assert.Equal([80L, 40, 90], plan.Select(p => p.Bytes));
        Assert.All(plan.SelectMany(p => p.Slices), s => Assert.True(s.IsWholeBlob));
        Assert.True(plan[0].Slices[1].Gzip);
    }

    [Fact]
    public void Plan_MaxBlobsPerPartition_LimitsPacks()
    {
        var blobs = Enumerable.Range(0, 7).Select(i => new BlobInfo($"part-{i}", 1, false)).ToList();

        var plan = RangeCutter.Plan(blobs, 1000, maxBlobsPerPartition: 3);

        Assert.Equal([3, 3, 1], plan.Select(p => p.Slices.Count));
    }

    [Fact]
    public void Plan_LargeGzipBlob_IsWhole()
    {
        var plan = RangeCutter.Plan([new BlobInfo("a.csv.gz", 5000, true), new BlobInfo("b.csv", 10, false)], 100);

        Assert.Equal([["a.csv.gz"], ["b.csv"]], plan.Select(p => p.Slices.Select(s => s.BlobName).ToArray()));
        Assert.Equal(new InputSlice("a.csv.gz", 0, long.MaxValue, true), plan[0].Slices[0]);
    }

    [Fact]
    public void Plan_PackBeforeLargeBlob_IsClosedToKeepOrder()
    {
        var plan = RangeCutter.Plan([new BlobInfo("a", 10, false), new BlobInfo("b", 250, false), new BlobInfo("c", 10, false)], 100);

        Assert.Equal(["a", "b", "b", "b", "c"], plan.Select(p => p.Slices.Single().BlobName));
    }

    [Fact]
    public void Plan_RangesCoverTheBlobExactly()
    {
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var length = random.NextInt64(1, 10_000_000);
            var size = random.NextInt64(1, 2_000_000);

            var slices = RangeCutter.Plan([new BlobInfo("x", length, false)], size).Select(p => p.Slices.Single()).ToList();

            Assert.Equal(0, slices[0].RangeStart);
            Assert.Equal(long.MaxValue, slices[^1].RangeEnd);
            for (var s = 1; s < slices.Count; s++)
            {
                Assert.Equal(slices[s - 1].RangeEnd, slices[s].RangeStart);
                Assert.True(slices[s].RangeStart > slices[s - 1].RangeStart);
            }

            Assert.Equal((length + size - 1) / size, slices.Count);
        }
    }

    [Fact]
    public void Plan_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeCutter.Plan([], 0));
        Assert.Throws<ArgumentException>(() => RangeCutter.Plan([new BlobInfo("a", 1, false), new BlobInfo("a", 2, false)], 10));
        Assert.Empty(RangeCutter.Plan([], 10));
    }

    [Fact]
    public void Plan_BlobsThatCannotBeCut_AreWholeAndPacked()
    {
        BlobInfo[] blobs = [new("a.json", 1000, false), new("b.json", 30, false), new("c.json", 40, false)];

        var plan = RangeCutter.Plan(blobs, 100, cutBlobs: false);

        Assert.Equal([["a.json"], ["b.json", "c.json"]], plan.Select(p => p.Slices.Select(s => s.BlobName).ToArray()));
        Assert.All(plan.SelectMany(p => p.Slices), s => Assert.True(s.IsWholeBlob));
    }
}
