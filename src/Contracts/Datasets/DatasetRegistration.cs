namespace OrleansProc.Contracts.Datasets;

/// <summary>Asks the catalog to (re)register the blobs under a dataset's prefix.</summary>
[GenerateSerializer]
[Alias("OrleansProc.DatasetRegistration")]
public sealed record DatasetRegistration
{
    /// <summary>csv, jsonl or text; null to take it from the blobs' extensions.</summary>
    [Id(0)]
    public string? Format { get; init; }

    /// <summary>A schema such as "ts TIMESTAMP, user_id BIGINT"; null to infer it.</summary>
    [Id(1)]
    public string? Schema { get; init; }

    /// <summary>The CSV field delimiter; null for tab with .tsv blobs, else sniffed from the first blob.</summary>
    [Id(20)]
    public char? Delimiter { get; init; }

    /// <summary>Every job over the dataset reads a quote inside an unquoted CSV field as a bad record instead of text.</summary>
    [Id(21)]
    public bool StrictQuotes { get; init; }
}
