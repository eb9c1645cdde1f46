namespace OrleansProc.Silo.Web.Api;

/// <summary>One job on its own: its summary, its partitions, and once it completed, its result.</summary>
public sealed record JobDetailView
{
    public required JobView Job { get; init; }

    public required IReadOnlyList<PartitionView> Partitions { get; init; }

    public ResultView? Result { get; init; }
}
