namespace OrleansProc.Silo.Web.Api;

/// <summary>One job as the jobs page lists it: state, progress (0 to 1) and throughput over its elapsed time.</summary>
public sealed record JobView
{
    public required string Id { get; init; }

    public string Description { get; init; } = string.Empty;

    public string? Dataset { get; init; }

    public required string State { get; init; }

    public bool Finished { get; init; }

    public double Progress { get; init; }

    public int PartitionsTotal { get; init; }

    public int PartitionsDone { get; init; }

    public int PartitionsRunning { get; init; }

    public int PartitionRetries { get; init; }

    public long RowsRead { get; init; }

    public long BytesRead { get; init; }

    public long BytesTotal { get; init; }

    public double RowsPerSecond { get; init; }

    public double BytesPerSecond { get; init; }

    public double ElapsedSeconds { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public long BadRecords { get; init; }

    public string? Error { get; init; }
}
