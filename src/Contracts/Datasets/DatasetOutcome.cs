namespace OrleansProc.Contracts.Datasets;

/// <summary>A dataset, or the one-line reason there is none.</summary>
[GenerateSerializer]
[Alias("OrleansProc.DatasetOutcome")]
public sealed record DatasetOutcome([property: Id(0)] DatasetInfo? Dataset, [property: Id(1)] string? Error);
