namespace OrleansProc.Silo.Web.Api;

/// <summary>What the page polls every second: the recent jobs, newest first, and the silos.</summary>
public sealed record OverviewView
{
    public required IReadOnlyList<JobView> Jobs { get; init; }

    public required IReadOnlyList<SiloView> Silos { get; init; }

    /// <summary>The silo that answered (its name), so the page can say which one it talks to.</summary>
    public required string ServedBy { get; init; }

    public DateTimeOffset Now { get; init; }
}
