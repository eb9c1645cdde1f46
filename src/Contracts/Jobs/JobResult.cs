namespace OrleansProc.Contracts.Jobs;

/// <summary>
/// A finished job's answer. Each cell is the value's canonical text (null for NULL); the column type says how to
/// render it (numbers as JSON numbers). For a transform, <see cref="Rows"/> holds the first rows and
/// <see cref="OutputBlobs"/> names the blobs holding all of them.
/// </summary>
[GenerateSerializer]
[Alias("OrleansProc.JobResult")]
public sealed record JobResult
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public required IReadOnlyList<ResultColumn> Columns { get; init; }

    [Id(2)]
    public required IReadOnlyList<IReadOnlyList<string?>> Rows { get; init; }

    /// <summary>Rows in the whole result (more than <see cref="Rows"/> for a transform).</summary>
    [Id(3)]
    public long TotalRows { get; init; }

    /// <summary>The output dataset of a transform, or null.</summary>
    [Id(4)]
    public string? OutputDataset { get; init; }

    [Id(5)]
    public IReadOnlyList<string> OutputBlobs { get; init; } = [];

    [Id(6)]
    public long RowsRead { get; init; }

    [Id(7)]
    public long BytesRead { get; init; }

    [Id(8)]
    public long BadRecords { get; init; }

    /// <summary>The first few bad records: blob, line and reason.</summary>
    [Id(9)]
    public IReadOnlyList<string> BadRecordSamples { get; init; } = [];

    [Id(10)]
    public TimeSpan Elapsed { get; init; }
}
