using OrleansProc.Contracts.Datasets;

namespace OrleansProc.Grains.Datasets;

/// <summary>One dataset of the catalog; its state is the manifest blob.</summary>
public sealed class DatasetGrain(DatasetCatalog catalog) : Grain, IDatasetGrain
{
    public Task<DatasetOutcome> RegisterAsync(DatasetRegistration registration, CancellationToken cancellationToken = default) =>
        catalog.RegisterAsync(this.GetPrimaryKeyString(), registration, cancellationToken);

    public Task<DatasetInfo?> GetAsync(CancellationToken cancellationToken = default) =>
        catalog.GetInfoAsync(this.GetPrimaryKeyString(), cancellationToken);

    public Task<bool> DeleteAsync(CancellationToken cancellationToken = default) =>
        catalog.DeleteAsync(this.GetPrimaryKeyString(), cancellationToken);
}
