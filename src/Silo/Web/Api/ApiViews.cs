using OrleansProc.Contracts.Cluster;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Silo.Web.Api;

/// <summary>Turns what the grains return into what the page shows: progress, throughput, times, silo names.</summary>
public static class ApiViews
{
    public static JobView Job(JobStatus status, DateTimeOffset now)
    {
        var elapsed = Seconds(status.SubmittedAt, status.FinishedAt ?? now);
        return new JobView
        {
            Id = status.JobId,
            Description = status.Description,
            Dataset = status.Dataset,
            State = status.State.ToString(),
            Finished = status.IsFinished,
            Progress = Progress(status),
            PartitionsTotal = status.PartitionsTotal,
            PartitionsDone = status.PartitionsDone,
            PartitionsRunning = status.PartitionsRunning,
            PartitionRetries = status.PartitionRetries,
            RowsRead = status.RowsRead,
            BytesRead = status.BytesRead,
            BytesTotal = status.BytesTotal,
            RowsPerSecond = elapsed > 0 ? status.RowsRead / elapsed : 0,
            BytesPerSecond = elapsed > 0 ? status.BytesRead / elapsed : 0,
            ElapsedSeconds = elapsed,
            SubmittedAt = status.SubmittedAt,
            FinishedAt = status.FinishedAt,
            BadRecords = status.BadRecords,
            Error = status.Error,
        };
    }

    /// <summary>A job the directory lists but whose coordinator did not answer with a status.</summary>
    public static JobView Job(JobSummary summary, DateTimeOffset now) => new()
    {
        Id = summary.JobId,
        Description = summary.Description,
        State = summary.State.ToString(),
        Finished = summary.State is JobState.Completed or JobState.Failed or JobState.Cancelled,
        Progress = summary.State == JobState.Completed ? 1 : 0,
        ElapsedSeconds = Seconds(summary.SubmittedAt, summary.FinishedAt ?? now),
        SubmittedAt = summary.SubmittedAt,
        FinishedAt = summary.FinishedAt,
    };

    /// <summary>
    /// The share of the work done: 1 once completed, else the bytes of finished partitions over the bytes planned
    /// (partitions done over partitions when the size is unknown), never above 1.
    /// </summary>
    public static double Progress(JobStatus status)
    {
        if (status.State == JobState.Completed)
        {
            return 1;
        }

        var share = status.BytesTotal > 0 ? (double)status.BytesRead / status.BytesTotal
            : status.PartitionsTotal > 0 ? (double)status.PartitionsDone / status.PartitionsTotal
            : 0;
        return Math.Clamp(share, 0, 1);
    }

    public static PartitionView Partition(PartitionDetail partition, IReadOnlyDictionary<string, string> siloNames, DateTimeOffset now) => new()
    {
        Index = partition.Index,
        Status = partition.Status,
        Silo = siloNames.TryGetValue(partition.Silo, out var name) && name.Length > 0 ? name : partition.Silo,
        Attempt = partition.Attempt,
        Failures = partition.Failures,
        Rows = partition.Rows,
        Bytes = partition.Bytes,
        BadRecords = partition.BadRecords,
        Seconds = partition.StartedAt is { } started ? Seconds(started, partition.FinishedAt ?? now) : null,
        Source = partition.Source,
        Error = partition.Error,
    };

    public static ResultView Result(JobResult result, int maxRows) => new()
    {
        Columns = result.Columns.Select(c => new ColumnView(c.Name, c.Type)).ToList(),
        Rows = result.Rows.Take(maxRows).ToList(),
        TotalRows = Math.Max(result.TotalRows, result.Rows.Count),
        Truncated = Math.Max(result.TotalRows, result.Rows.Count) > Math.Min(maxRows, result.Rows.Count),
        OutputDataset = result.OutputDataset,
        BadRecords = result.BadRecords,
        BadRecordSamples = result.BadRecordSamples,
        ElapsedSeconds = result.Elapsed.TotalSeconds,
    };

    public static SiloView Silo(SiloInfo silo) => new()
    {
        Name = silo.Name.Length > 0 ? silo.Name : silo.Address,
        Address = silo.Address,
        Status = silo.Status,
        PartitionsRunning = silo.PartitionsRunning,
        Slots = silo.Slots,
        PartitionsCompleted = silo.PartitionsCompleted,
        RowsRead = silo.RowsRead,
        BytesRead = silo.BytesRead,
    };

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);
}
