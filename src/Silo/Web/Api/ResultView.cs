namespace OrleansProc.Silo.Web.Api;

/// <summary>A completed job's answer on the page: the columns, the first rows, and the bad records skipped.</summary>
public sealed record ResultView
{
    public required IReadOnlyList<ColumnView> Columns { get; init; }

    public required IReadOnlyList<IReadOnlyList<string?>> Rows { get; init; }

    public long TotalRows { get; init; }

    /// <summary>True when <see cref="Rows"/> holds fewer rows than the result.</summary>
    public bool Truncated { get; init; }

    public string? OutputDataset { get; init; }

    public long BadRecords { get; init; }

    public IReadOnlyList<string> BadRecordSamples { get; init; } = [];

    public double ElapsedSeconds { get; init; }
}
