namespace OrleansProc.Engine.Tests.Io;

/// <summary>The sample data's CSV read back by the record scanner (the generator's own tests are in SampleData.Tests).</summary>
public sealed class SalesCsvScanTests
{
    [Fact]
    public async Task WriteCsvAsync_RoundTripsThroughScanner()
    {
        var blob = await RangeCuttingPropertyTests.SalesCsvAsync(10_000, 77, 4);

        var (rows, result) = await ScanHarness.ScanAsync(blob, RangeCuttingPropertyTests.SalesOptions());

        Assert.Equal(RangeCuttingPropertyTests.SalesDataGeneratorRows(10_000, 77, 4), rows);
        Assert.Equal(0, result.BadRecords);
    }
}
