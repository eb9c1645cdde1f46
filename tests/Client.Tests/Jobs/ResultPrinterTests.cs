using OrleansProc.Client.Jobs;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Tests.Jobs;

public sealed class ResultPrinterTests
{
    [Fact]
    public void Footer_Aggregate_RowsAndTime()
    {
        var result = new JobResult { JobId = "j", Columns = [new("n", "BIGINT")], Rows = [["1"], ["2"]], TotalRows = 2 };

        var lines = ResultPrinter.Footer(result, TimeSpan.FromMilliseconds(1234));

        Assert.Equal(["2 rows in 1.23 s"], lines);
    }

    [Fact]
    public void Footer_Transform_SaysHowManyRowsAndWhere()
    {
        var result = new JobResult
        {
            JobId = "j",
            Columns = [new("a", "VARCHAR")],
            Rows = [["x"]],
            TotalRows = 5000,
            OutputDataset = "out-j",
            OutputBlobs = ["out-j/part-0000.csv", "out-j/part-0001.csv"],
        };

        var lines = ResultPrinter.Footer(result, TimeSpan.FromSeconds(2));

        Assert.Equal("5,000 rows written to dataset 'out-j' (2 blobs: out-j/part-0000.csv, out-j/part-0001.csv); showing the first 1", lines[0]);
        Assert.StartsWith("5,000 rows in 2.00 s", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Footer_BadRecordsSkipped_CountAndSamples()
    {
        var result = new JobResult { JobId = "j", Columns = [], Rows = [], BadRecords = 2, BadRecordSamples = ["a.csv line 3: too many fields"] };

        var lines = ResultPrinter.Footer(result, TimeSpan.FromSeconds(1));

        Assert.Equal("skipped 2 bad records, for example:", lines[0]);
        Assert.Equal("  a.csv line 3: too many fields", lines[1]);
    }
}
