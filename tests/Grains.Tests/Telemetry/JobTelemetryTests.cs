using System.Globalization;
using System.Text;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Tests.Telemetry;

[Collection(GrainClusterCollection.Name)]
public sealed class JobTelemetryTests(GrainClusterFixture fixture)
{
    private const int Rows = 3_000;

    [Fact]
    public async Task SubmitAsync_JobRuns_CountersMatchTheDataAndTheStatus()
    {
        var csv = Csv();
        await fixture.CreateDatasetAsync("metered", csv);
        using var metrics = new MetricsRecorder();

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = "SELECT COUNT(*) AS n FROM metered", PartitionSize = 4_096 });

        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal(0, status.PartitionRetries);
        Assert.Equal(1, metrics.Sum("orleansproc.jobs.started"));
        Assert.Equal(1, metrics.Sum("orleansproc.jobs.completed"));
        Assert.Equal(0, metrics.Sum("orleansproc.jobs.failed"));
        Assert.Equal(1, metrics.Count("orleansproc.job.duration"));
        Assert.Equal(status.PartitionsTotal, metrics.Sum("orleansproc.partitions.done"));
        Assert.Equal(status.PartitionsTotal, metrics.Count("orleansproc.partition.duration"));
        Assert.Equal(0, metrics.Sum("orleansproc.partitions.running"));
        Assert.Equal(0, metrics.Sum("orleansproc.partitions.retried"));
        Assert.Equal(Rows, metrics.Sum("orleansproc.rows.read"));
        Assert.Equal(Encoding.UTF8.GetByteCount(csv), metrics.Sum("orleansproc.bytes.read"));
    }

    [Fact]
    public async Task SubmitAsync_BadRecord_CountsAFailedJob()
    {
        await fixture.CreateDatasetAsync("metered_bad", "id,amount\n1,2\n2,x\n", "id BIGINT, amount BIGINT");
        using var metrics = new MetricsRecorder();

        var status = await fixture.RunAsync(NewId(), new JobSpec { Sql = "SELECT SUM(amount) FROM metered_bad" });

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(1, metrics.Sum("orleansproc.jobs.started"));
        Assert.Equal(1, metrics.Sum("orleansproc.jobs.failed"));
        Assert.Equal(0, metrics.Sum("orleansproc.jobs.completed"));
        Assert.Equal(0, metrics.Sum("orleansproc.partitions.running"));
    }

    [Fact]
    public async Task SubmitAsync_CallerTraced_EveryPartitionRunsInTheCallersTrace()
    {
        await fixture.CreateDatasetAsync("traced", Csv());
        using var spans = new SpanRecorder();
        var jobId = NewId();

        JobStatus status;
        using (var root = SpanRecorder.TestSource.StartActivity("test submit"))
        {
            Assert.NotNull(root);
            status = await fixture.RunAsync(jobId, new JobSpec { Sql = "SELECT COUNT(*) AS n FROM traced", PartitionSize = 4_096 });
            var trace = root.TraceId;

            Assert.True(status.State == JobState.Completed, status.Error);
            var runs = spans.Spans("orleansproc.partition.run", jobId);
            Assert.Equal(Enumerable.Range(0, status.PartitionsTotal), runs.Select(s => (int)s.GetTagItem("orleansproc.partition.index")!).Order());
            Assert.All(runs, run => Assert.Equal(trace, run.TraceId));
            Assert.All(spans.Spans("orleansproc.partition.dispatch", jobId), dispatch => Assert.Equal(trace, dispatch.TraceId));
            Assert.Equal(trace, Assert.Single(spans.Spans("orleansproc.job.submit", jobId)).TraceId);
            // The merge span ends with the coordinator's turn, a moment after the status reads completed.
            var merge = await spans.WaitForAsync("orleansproc.job.merge", jobId);
            Assert.Equal(trace, merge.TraceId);
        }
    }

    private static string Csv()
    {
        var csv = new StringBuilder("id,group\n");
        for (var i = 1; i <= Rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},g{i % 7}\n");
        }

        return csv.ToString();
    }

    private static string NewId() => $"t{Guid.NewGuid():N}"[..20];
}
