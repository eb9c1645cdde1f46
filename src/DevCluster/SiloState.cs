using System.Text.Json.Serialization;

namespace OrleansProc.DevCluster;

/// <summary>One silo process started by <c>dev up</c>.</summary>
internal sealed record SiloState
{
    public required string Name { get; init; }

    public int Pid { get; init; }

    public int SiloPort { get; init; }

    public int GatewayPort { get; init; }

    /// <summary>The port of the silo's web side (the jobs page, /healthz, /dashboard); 0 in state saved before it had one.</summary>
    public int WebPort { get; init; }

    /// <summary>The jobs page in a browser on this machine, or null when the silo has no recorded web port.</summary>
    [JsonIgnore]
    public string? Page => WebPort > 0 ? $"http://127.0.0.1:{WebPort}/" : null;

    public required string Log { get; init; }

    /// <summary>Tells the process apart from a later one that reuses its pid.</summary>
    public string? StartMarker { get; init; }
}
