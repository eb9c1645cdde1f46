namespace OrleansProc.Contracts.Datasets;

/// <summary>Lists the catalog's datasets (key: 0).</summary>
[Alias("OrleansProc.IDatasetDirectoryGrain")]
public interface IDatasetDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken = default);
}
