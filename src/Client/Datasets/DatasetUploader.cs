using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Jobs;
using OrleansProc.Contracts;

namespace OrleansProc.Client.Datasets;

/// <summary>
/// Puts a dataset's files in the datasets container under "{name}/", replacing any blobs already there, with a
/// progress line on stderr.
/// </summary>
internal sealed class DatasetUploader(BlobServiceClient blobs, ConsoleContext console)
{
    /// <summary>Large files uploaded at once (each in up to 4 parallel blocks of 8 MiB).</summary>
    public const int Concurrency = 4;

    /// <summary>Small files (one request each) uploaded at once: thousands of tiny files take seconds, not minutes.</summary>
    public const int SmallFileConcurrency = 32;

    /// <summary>Files up to this size are small: uploaded in one request.</summary>
    public const long SmallFileBytes = 1L << 20;

    /// <summary>Deletes every blob under the dataset's prefix; returns how many there were.</summary>
    public async Task<int> DeleteExistingAsync(string dataset, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = StorageNames.DatasetPrefix(dataset) }, cancellationToken))
        {
            names.Add(blob.Name);
        }

        await Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency * 2, CancellationToken = cancellationToken },
            async (name, token) => await container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: token));
        return names.Count;
    }

    /// <summary>Uploads the files as "{dataset}/{relative name}": small ones many at a time, then large ones a few at a time.</summary>
    public async Task<TimeSpan> UploadAsync(string dataset, IReadOnlyList<LocalFile> files, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken);
        var progress = new TransferProgress(console.CreateProgress(), console.Time, "uploading", files.Count, files.Sum(f => f.Length));
        using var stopShowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var showing = progress.ShowAsync(stopShowing.Token);
        try
        {
            async ValueTask UploadOneAsync(LocalFile file, CancellationToken token)
            {
                var counted = new ProgressDelta(progress);
                await using var stream = File.OpenRead(file.FullPath);
                await container.GetBlobClient(StorageNames.DatasetPrefix(dataset) + file.RelativeName).UploadAsync(
                    stream,
                    new BlobUploadOptions
                    {
                        ProgressHandler = counted,
                        TransferOptions = new StorageTransferOptions { MaximumConcurrency = 4, MaximumTransferSize = 8 * 1024 * 1024, InitialTransferSize = 8 * 1024 * 1024 },
                    },
                    token);
                counted.Report(file.Length);
                progress.ItemDone();
            }

            await Parallel.ForEachAsync(
                files.Where(f => f.Length <= SmallFileBytes),
                new ParallelOptions { MaxDegreeOfParallelism = SmallFileConcurrency, CancellationToken = cancellationToken },
                UploadOneAsync);
            await Parallel.ForEachAsync(
                files.Where(f => f.Length > SmallFileBytes),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                UploadOneAsync);
        }
        finally
        {
            await stopShowing.CancelAsync();
            await showing;
            progress.Complete();
        }

        return progress.Elapsed;
    }

    private async Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return container;
    }

    /// <summary>Turns the SDK's running totals per blob into increments of the shared counter.</summary>
    private sealed class ProgressDelta(TransferProgress total) : IProgress<long>
    {
        private readonly Lock _lock = new();
        private long _seen;

        public void Report(long value)
        {
            long delta;
            lock (_lock)
            {
                delta = value - _seen;
                _seen = Math.Max(_seen, value);
            }

            if (delta > 0)
            {
                total.Report(delta);
            }
        }
    }
}
