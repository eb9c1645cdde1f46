using OrleansProc.Engine.Schema;

namespace OrleansProc.Grains.Datasets;

/// <summary>What is stored in "{dataset}/_dataset.json": the format and the schema. The blobs are listed when needed.</summary>
public sealed record DatasetManifest
{
    public required string Name { get; init; }

    public required DataFormat Format { get; init; }

    public required IReadOnlyList<ColumnSchema> Columns { get; init; }

    public bool SchemaGiven { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public TableSchema ToSchema() => new(Columns);
}
