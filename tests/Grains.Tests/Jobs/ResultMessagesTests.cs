using OrleansProc.Contracts.Jobs;
using OrleansProc.Grains.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

public sealed class ResultMessagesTests
{
    [Fact]
    public void ForMessage_SmallResult_SentWhole()
    {
        var result = Result(rows: 10, width: 10);

        Assert.Same(result, ResultMessages.ForMessage(result, 10_000, "jobs/j/result.json"));
    }

    [Fact]
    public void ForMessage_LargeResult_FirstRowsThatFitAndTheBlob()
    {
        var result = Result(rows: 100, width: 100); // a row: 2 cells of 100 characters, 2 x (200 + 8) = 416 bytes

        var message = ResultMessages.ForMessage(result, 4_200, "jobs/j/result.json");

        Assert.Equal("jobs/j/result.json", message.ResultBlob);
        Assert.Equal(10, message.Rows.Count);
        Assert.Equal(result.Rows.Take(10), message.Rows);
        Assert.Equal(100, message.TotalRows);
        Assert.Equal(result.Columns, message.Columns);
    }

    [Fact]
    public void ForMessage_NullCells_CountTheirOverhead()
    {
        var result = JobResult.FromTable("j", ["a"], ["BIGINT"], Enumerable.Range(0, 4).Select(_ => (IReadOnlyList<string?>)[null]).ToList(), 4);

        Assert.Equal(2, ResultMessages.ForMessage(result, 16, "b/r").Rows.Count);
    }

    private static JobResult Result(int rows, int width) => JobResult.FromTable(
        "j",
        ["k", "v"],
        ["VARCHAR", "VARCHAR"],
        Enumerable.Range(0, rows).Select(i => (IReadOnlyList<string?>)[new string('k', width), i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0')]).ToList(),
        rows);
}
