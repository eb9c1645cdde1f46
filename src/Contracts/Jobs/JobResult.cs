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

    /// <summary>Parquet row groups that their min/max statistics ruled out for the WHERE (not read).</summary>
    [Id(11)]
    public long RowGroupsSkipped { get; init; }

    /// <summary>
    /// Set when the whole result is too large for one message: <see cref="Rows"/> holds only its first rows, and the
    /// whole result (this record as JSON, web defaults) is this blob, <c>CONTAINER/PATH</c> in the cluster's storage.
    /// </summary>
    [Id(40)]
    public string? ResultBlob { get; init; }

    /// <summary>
    /// The result of a finished table: the one place where both the client's local mode and the cluster's merge turn
    /// the Engine's <c>ResultTable</c> into a result (the counters are theirs to set). It takes the table as primitive
    /// lists (its column names, type names, text rows) because Contracts references Orleans only: the Engine is a
    /// dependency of the silo and the client, never of the wire types, and a project of its own for one mapping
    /// would be a fourth shared assembly to version.
    /// </summary>
    public static JobResult FromTable(
        string jobId,
        IReadOnlyList<string> columnNames,
        IReadOnlyList<string> columnTypes,
        IReadOnlyList<IReadOnlyList<string?>> rows,
        long totalRows)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(columnTypes);
        if (columnNames.Count != columnTypes.Count)
        {
            throw new ArgumentException($"{columnNames.Count} column names but {columnTypes.Count} types", nameof(columnTypes));
        }

        return new JobResult
        {
            JobId = jobId,
            Columns = columnNames.Zip(columnTypes, (name, type) => new ResultColumn(name, type)).ToList(),
            Rows = rows,
            TotalRows = totalRows,
        };
    }
}
