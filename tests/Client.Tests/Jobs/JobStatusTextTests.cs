using OrleansProc.Client.Jobs;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Tests.Jobs;

public sealed class JobStatusTextTests
{
    [Fact]
    public void Lines_FailedJob_StateErrorAndSilos()
    {
        var status = new JobStatus
        {
            JobId = "j20261125-132820-3f9a2c",
            State = JobState.Failed,
            Description = "SELECT 1 FROM t",
            PartitionsTotal = 4,
            PartitionsDone = 3,
            Error = "t/a.csv line 7: unterminated quote",
            SubmittedAt = DateTimeOffset.UnixEpoch,
            PartitionsBySilo = new Dictionary<string, int> { ["b:2"] = 1, ["a:1"] = 2 },
        };

        var lines = JobStatusText.Lines(status, TimeSpan.FromSeconds(3));

        Assert.Contains("state        failed", lines);
        Assert.Contains("partitions   3 of 4 done, 0 running, 0 retried", lines);
        Assert.Contains("error        t/a.csv line 7: unterminated quote", lines);
        Assert.Contains("by silo      a:1: 2, b:2: 1", lines);
        Assert.Contains("elapsed      3.00 s", lines);
    }
}
