namespace OrleansProc.Client.Dev;

/// <summary>One silo process started by <c>dev up</c>.</summary>
internal sealed record SiloState
{
    public required string Name { get; init; }

    public int Pid { get; init; }

    public int SiloPort { get; init; }

    public int GatewayPort { get; init; }

    public required string Log { get; init; }

    /// <summary>Tells the process apart from a later one that reuses its pid.</summary>
    public string? StartMarker { get; init; }
}
