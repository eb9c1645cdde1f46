namespace OrleansProc.Contracts.Jobs;

/// <summary>A job's progress and outcome, as shown by <c>job status</c> and the progress bar.</summary>
[GenerateSerializer]
[Alias("OrleansProc.JobStatus")]
public sealed record JobStatus
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public JobState State { get; init; }

    [Id(2)]
    public string Description { get; init; } = string.Empty;

    [Id(3)]
    public string? Dataset { get; init; }

    [Id(4)]
    public int PartitionsTotal { get; init; }

    [Id(5)]
    public int PartitionsDone { get; init; }

    [Id(6)]
    public int PartitionsRunning { get; init; }

    /// <summary>Partition attempts started again after a failure, a lost silo or a wrong quote-state guess.</summary>
    [Id(7)]
    public int PartitionRetries { get; init; }

    [Id(8)]
    public long RowsRead { get; init; }

    [Id(9)]
    public long BytesRead { get; init; }

    [Id(10)]
    public long BytesTotal { get; init; }

    [Id(11)]
    public DateTimeOffset SubmittedAt { get; init; }

    [Id(12)]
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the job failed: one line naming the blob, line and reason where there is one.</summary>
    [Id(13)]
    public string? Error { get; init; }

    [Id(14)]
    public long BadRecords { get; init; }

    /// <summary>How many partitions each silo ran, by silo address.</summary>
    [Id(15)]
    public IReadOnlyDictionary<string, int> PartitionsBySilo { get; init; } = new Dictionary<string, int>();

    public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Cancelled;
}
