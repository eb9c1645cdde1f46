namespace OrleansProc.Grains.Datasets;

/// <summary>One data blob of a dataset.</summary>
public sealed record DatasetBlob(string Name, long Length)
{
    public bool Gzip => Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
