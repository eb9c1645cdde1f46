namespace OrleansProc.Contracts.Cluster;

/// <summary>One silo as <c>cluster status</c> shows it.</summary>
[GenerateSerializer]
[Alias("OrleansProc.SiloInfo")]
public sealed record SiloInfo
{
    [Id(0)]
    public required string Address { get; init; }

    [Id(1)]
    public string Name { get; init; } = string.Empty;

    [Id(2)]
    public string Status { get; init; } = string.Empty;

    [Id(3)]
    public int PartitionsRunning { get; init; }

    [Id(4)]
    public long PartitionsCompleted { get; init; }

    [Id(5)]
    public long RowsRead { get; init; }

    [Id(6)]
    public long BytesRead { get; init; }

    [Id(7)]
    public int Slots { get; init; }

    [Id(8)]
    public double RowsPerSecond { get; init; }

    [Id(9)]
    public double BytesPerSecond { get; init; }
}
