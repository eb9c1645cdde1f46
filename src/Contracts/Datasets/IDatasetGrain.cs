namespace OrleansProc.Contracts.Datasets;

/// <summary>One dataset of the catalog (key: its name): blobs under "{name}/" in the datasets container.</summary>
[Alias("OrleansProc.IDatasetGrain")]
public interface IDatasetGrain : IGrainWithStringKey
{
    /// <summary>Lists the dataset's blobs, infers (or parses) the schema and stores the manifest.</summary>
    [Alias("Register")]
    Task<DatasetOutcome> RegisterAsync(DatasetRegistration registration, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<DatasetInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the manifest and every blob of the dataset. False when there was no such dataset.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(CancellationToken cancellationToken = default);
}
