using OrleansProc.Engine.Schema;

namespace OrleansProc.Grains.Datasets;

/// <summary>What is stored in "{dataset}/_dataset.json": the format and the schema. The blobs are listed when needed.</summary>
public sealed record DatasetManifest
{
    public required string Name { get; init; }

    public required DataFormat Format { get; init; }

    public required IReadOnlyList<ColumnSchema> Columns { get; init; }

    public bool SchemaGiven { get; init; }

    /// <summary>The CSV field delimiter: given at registration, tab for .tsv blobs, else sniffed from the first blob.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Every job over the dataset reads a quote inside an unquoted CSV field as a bad record (given at registration).</summary>
    public bool StrictQuotes { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public TableSchema ToSchema() => new(Columns);
}
