using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Jobs;
using OrleansProc.Contracts;
using OrleansProc.SampleData;

namespace OrleansProc.Client.Datasets;

/// <summary>Writes the synthetic sales dataset straight into blob storage, one CSV blob per part, a few parts at a time.</summary>
internal sealed class DatasetGenerator(BlobServiceClient blobs, ConsoleContext console)
{
    public const int Concurrency = 3;

    /// <summary>The blob name of one part: "{dataset}/part-0000.csv".</summary>
    public static string PartBlobName(string dataset, int part) => $"{StorageNames.DatasetPrefix(dataset)}part-{part:D4}.csv";

    /// <summary>Generates and uploads every part; returns the bytes written and the time taken.</summary>
    public async Task<(long Bytes, TimeSpan Elapsed)> GenerateAsync(string dataset, long rows, int parts, int seed, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var progress = new TransferProgress(console.CreateProgress(), console.Time, "generating parts", parts, 0);
        using var stopShowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var showing = progress.ShowAsync(stopShowing.Token);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, parts),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (part, token) =>
                {
                    var blob = container.GetBlockBlobClient(PartBlobName(dataset, part));
                    var options = new BlockBlobOpenWriteOptions
                    {
                        BufferSize = 4 * 1024 * 1024,
                        HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
                    };
                    await using (var destination = await blob.OpenWriteAsync(overwrite: true, options, token))
                    {
                        var counted = new CountingStream(destination, progress);
                        await SalesDataGenerator.WriteCsvAsync(counted, SalesDataGenerator.RowsInPart(rows, parts, part), seed, part, token);
                    }

                    progress.ItemDone();
                });
        }
        finally
        {
            await stopShowing.CancelAsync();
            await showing;
            progress.Complete();
        }

        return (progress.Bytes, progress.Elapsed);
    }
}
