namespace OrleansProc.Silo.Web.Api;

/// <summary>One silo's load on the page: partitions running of its slots, partitions done, what it read.</summary>
public sealed record SiloView
{
    public required string Name { get; init; }

    public required string Address { get; init; }

    public required string Status { get; init; }

    public int PartitionsRunning { get; init; }

    public int Slots { get; init; }

    public long PartitionsCompleted { get; init; }

    public long RowsRead { get; init; }

    public long BytesRead { get; init; }
}
