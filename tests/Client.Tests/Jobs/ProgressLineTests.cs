using OrleansProc.Client.Jobs;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Tests.Jobs;

public sealed class ProgressLineTests
{
    [Fact]
    public void Format_RunningJob_PartitionsRowsSpeedAndElapsed()
    {
        var status = new JobStatus { JobId = "j1", State = JobState.Running, PartitionsDone = 5, PartitionsTotal = 20, RowsRead = 1_234_567, BytesRead = 50_000_000 };

        var line = ProgressLine.Format(status, TimeSpan.FromSeconds(2));

        Assert.Equal("running [#####...............] 5/20 partitions  1,234,567 rows  25.0 MB/s  2.00 s", line);
    }

    [Fact]
    public void Format_RetriesAndBadRecords_Mentioned()
    {
        var status = new JobStatus { JobId = "j1", State = JobState.Merging, PartitionsDone = 4, PartitionsTotal = 4, PartitionRetries = 2, BadRecords = 3 };

        var line = ProgressLine.Format(status, TimeSpan.Zero);

        Assert.StartsWith("merging [####################] 4/4 partitions", line, StringComparison.Ordinal);
        Assert.Contains("0.0 MB/s", line, StringComparison.Ordinal);
        Assert.EndsWith("2 retried  3 bad records", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 10, 0)]
    [InlineData(10, 10, 20)]
    [InlineData(1, 3, 6)]
    [InlineData(15, 10, 20)]
    public void Bar_DoneOfTotal_FilledProportionally(int done, int total, int filled)
    {
        var bar = ProgressLine.Bar(done, total);

        Assert.Equal(ProgressLine.BarWidth, bar.Length);
        Assert.Equal(filled, bar.Count(c => c == '#'));
    }
}
