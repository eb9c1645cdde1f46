using OrleansProc.Contracts.Cluster;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Silo.Web.Api;

namespace OrleansProc.Silo.Tests.Web.Api;

public sealed class ApiViewsTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Job_Running_ProgressIsBytesShareAndThroughputOverElapsed()
    {
        var status = new JobStatus
        {
            JobId = "j1",
            State = JobState.Running,
            PartitionsTotal = 10,
            PartitionsDone = 3,
            RowsRead = 1_000,
            BytesRead = 300,
            BytesTotal = 1_200,
            SubmittedAt = Submitted,
        };

        var view = ApiViews.Job(status, Submitted.AddSeconds(4));

        Assert.Equal("Running", view.State);
        Assert.False(view.Finished);
        Assert.Equal(300.0 / 1_200, view.Progress, 9);
        Assert.Equal(4, view.ElapsedSeconds, 9);
        Assert.Equal(1_000 / 4.0, view.RowsPerSecond, 9);
        Assert.Equal(300 / 4.0, view.BytesPerSecond, 9);
    }

    [Fact]
    public void Job_Finished_ElapsedStopsAtFinish()
    {
        var status = new JobStatus
        {
            JobId = "j2",
            State = JobState.Completed,
            RowsRead = 600,
            BytesRead = 1_000,
            BytesTotal = 990,
            SubmittedAt = Submitted,
            FinishedAt = Submitted.AddSeconds(3),
        };

        var view = ApiViews.Job(status, Submitted.AddHours(1));

        Assert.True(view.Finished);
        Assert.Equal(1, view.Progress);
        Assert.Equal(3, view.ElapsedSeconds, 9);
        Assert.Equal(200, view.RowsPerSecond, 9);
    }

    [Theory]
    [InlineData(JobState.Running, 0, 0, 4, 1, 0.25)]
    [InlineData(JobState.Merging, 1_050, 1_000, 4, 4, 1.0)]
    [InlineData(JobState.Failed, 250, 1_000, 4, 1, 0.25)]
    [InlineData(JobState.Running, 0, 0, 0, 0, 0.0)]
    public void Progress_ByState_BytesShareElsePartitionsShareNeverAboveOne(JobState state, long bytesRead, long bytesTotal, int total, int done, double expected)
    {
        var status = new JobStatus { JobId = "j", State = state, BytesRead = bytesRead, BytesTotal = bytesTotal, PartitionsTotal = total, PartitionsDone = done };

        Assert.Equal(expected, ApiViews.Progress(status), 9);
    }

    [Fact]
    public void Job_JustSubmitted_NoThroughputYet()
    {
        var view = ApiViews.Job(new JobStatus { JobId = "j", State = JobState.Running, RowsRead = 5, SubmittedAt = Submitted }, Submitted);

        Assert.Equal(0, view.RowsPerSecond);
        Assert.Equal(0, view.BytesPerSecond);
    }

    [Fact]
    public void Partition_ReportedBySilo_ShowsItsNameAndAttemptTime()
    {
        var detail = new PartitionDetail
        {
            Index = 7,
            Status = "Done",
            Silo = "S127.0.0.1:11111:1",
            Attempt = 2,
            Failures = 1,
            Rows = 42,
            StartedAt = Submitted,
            FinishedAt = Submitted.AddMilliseconds(1_500),
        };
        var names = new Dictionary<string, string> { ["S127.0.0.1:11111:1"] = "silo0" };

        var view = ApiViews.Partition(detail, names, Submitted.AddHours(1));

        Assert.Equal("silo0", view.Silo);
        Assert.Equal(1.5, view.Seconds);
        Assert.Equal(2, view.Attempt);
        Assert.Equal(1, view.Failures);
    }

    [Fact]
    public void Partition_RunningOnUnknownSilo_KeepsAddressAndTimeSoFar()
    {
        var detail = new PartitionDetail { Index = 0, Status = "Running", Silo = "S10.0.0.9:11111:5", Attempt = 1, StartedAt = Submitted };

        var view = ApiViews.Partition(detail, new Dictionary<string, string>(), Submitted.AddSeconds(2));

        Assert.Equal("S10.0.0.9:11111:5", view.Silo);
        Assert.Equal(2, view.Seconds);
    }

    [Fact]
    public void Partition_NotStarted_HasNoTime()
    {
        var view = ApiViews.Partition(new PartitionDetail { Index = 1, Status = "Pending" }, new Dictionary<string, string>(), Submitted);

        Assert.Null(view.Seconds);
        Assert.Equal(string.Empty, view.Silo);
    }

    [Fact]
    public void Result_MoreRowsThanShown_TruncatedWithTotal()
    {
        var rows = Enumerable.Range(0, 5).Select(i => (IReadOnlyList<string?>)[$"{i}", i % 2 == 0 ? null : "x"]).ToList();
        var result = new JobResult
        {
            JobId = "j",
            Columns = [new("n", "BIGINT"), new("s", "VARCHAR")],
            Rows = rows,
            TotalRows = 5,
            BadRecords = 2,
            BadRecordSamples = ["a.csv, line 3: expected 2 fields, found 3"],
            Elapsed = TimeSpan.FromSeconds(2.5),
        };

        var view = ApiViews.Result(result, maxRows: 3);

        Assert.Equal(["n", "s"], view.Columns.Select(c => c.Name));
        Assert.Equal(rows.Take(3), view.Rows);
        Assert.Equal(5, view.TotalRows);
        Assert.True(view.Truncated);
        Assert.Equal(2, view.BadRecords);
        Assert.Equal(result.BadRecordSamples, view.BadRecordSamples);
        Assert.Equal(2.5, view.ElapsedSeconds);
    }

    [Fact]
    public void Result_AllRowsShown_NotTruncated()
    {
        var result = new JobResult { JobId = "j", Columns = [new("n", "BIGINT")], Rows = [["1"], ["2"]], TotalRows = 2 };

        var view = ApiViews.Result(result, maxRows: 100);

        Assert.False(view.Truncated);
        Assert.Equal(2, view.Rows.Count);
    }

    [Fact]
    public void Silo_WithoutName_ShownByAddress()
    {
        var view = ApiViews.Silo(new SiloInfo { Address = "S127.0.0.1:1:2", Status = "Active", PartitionsRunning = 3, Slots = 4 });

        Assert.Equal("S127.0.0.1:1:2", view.Name);
        Assert.Equal(3, view.PartitionsRunning);
        Assert.Equal(4, view.Slots);
    }
}
