using Orleans.Concurrency;
using OrleansProc.Contracts.Datasets;

namespace OrleansProc.Grains.Datasets;

/// <summary>Lists the datasets; stateless, runs on the calling silo.</summary>
[StatelessWorker]
public sealed class DatasetDirectoryGrain(DatasetCatalog catalog) : Grain, IDatasetDirectoryGrain
{
    public Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken = default) => catalog.ListAsync(cancellationToken);
}
