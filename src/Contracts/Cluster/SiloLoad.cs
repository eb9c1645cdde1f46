namespace OrleansProc.Contracts.Cluster;

/// <summary>A silo's own counters of partition work.</summary>
[GenerateSerializer]
[Alias("OrleansProc.SiloLoad")]
public sealed record SiloLoad
{
    [Id(0)]
    public int Running { get; init; }

    [Id(1)]
    public long Completed { get; init; }

    [Id(2)]
    public long Rows { get; init; }

    [Id(3)]
    public long Bytes { get; init; }

    [Id(4)]
    public int Slots { get; init; }

    /// <summary>Rows read per second over the last few seconds.</summary>
    [Id(5)]
    public double RowsPerSecond { get; init; }

    /// <summary>Bytes read per second over the last few seconds.</summary>
    [Id(6)]
    public double BytesPerSecond { get; init; }
}
