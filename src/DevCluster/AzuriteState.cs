namespace OrleansProc.DevCluster;

/// <summary>The Azurite that serves the local cluster: started by <c>dev up</c>, or found already listening (external).</summary>
internal sealed record AzuriteState
{
    public const int DefaultBlobPort = 10000;

    public const int DefaultQueuePort = 10001;

    public const int DefaultTablePort = 10002;

    /// <summary>The process id (0 when unknown, for an external Azurite whose owner cannot be seen).</summary>
    public int Pid { get; init; }

    /// <summary>True when <c>dev up</c> started it, so <c>dev down</c> stops it.</summary>
    public bool StartedByDevUp { get; init; }

    public int BlobPort { get; init; } = DefaultBlobPort;

    public int QueuePort { get; init; } = DefaultQueuePort;

    public int TablePort { get; init; } = DefaultTablePort;

    public string? Log { get; init; }

    /// <summary>Tells the process apart from a later one that reuses its pid.</summary>
    public string? StartMarker { get; init; }
}
