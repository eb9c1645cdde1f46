namespace OrleansProc.Silo.Web.Api;

/// <summary>One partition of a job on the page: where it is, the silo that ran it (its name when known), time taken.</summary>
public sealed record PartitionView
{
    public int Index { get; init; }

    public required string Status { get; init; }

    /// <summary>The silo's name (its address when the silo is gone from the cluster), or empty before any report.</summary>
    public string Silo { get; init; } = string.Empty;

    public int Attempt { get; init; }

    public int Failures { get; init; }

    public long Rows { get; init; }

    public long Bytes { get; init; }

    public long BadRecords { get; init; }

    /// <summary>Seconds the current attempt took, or has run so far; null before it starts.</summary>
    public double? Seconds { get; init; }

    public string Source { get; init; } = string.Empty;

    public string? Error { get; init; }
}
