namespace OrleansProc.Grains.Datasets;

/// <summary>One data blob of a dataset, with its ETag as listed (null when unknown).</summary>
public sealed record DatasetBlob(string Name, long Length, string? ETag = null)
{
    public bool Gzip => Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
