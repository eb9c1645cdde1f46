using System.Buffers;
using System.Globalization;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;
using OrleansProc.SampleData;

namespace OrleansProc.Bench.Cluster;

/// <summary>Puts the benchmark's files into Azurite as datasets, downloads them back for the read ceiling, and reads job results as rows.</summary>
internal static class BenchDatasets
{
    /// <summary>Uploads local files as the blobs "{dataset}/{file name}".</summary>
    public static async Task UploadFilesAsync(BlobServiceClient blobs, string dataset, IReadOnlyList<string> files, int concurrency = 4)
    {
        var container = await DatasetsAsync(blobs);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (file, ct) =>
        {
            await container.GetBlobClient(StorageNames.DatasetPrefix(dataset) + Path.GetFileName(file)).UploadAsync(
                file,
                new BlobUploadOptions { TransferOptions = new StorageTransferOptions { MaximumConcurrency = 4, MaximumTransferSize = 8 << 20, InitialTransferSize = 8 << 20 } },
                ct);
        });
    }

    /// <summary>Registers an uploaded dataset with the catalog (schema inferred), as <paramref name="format"/> (null: from the blobs' extensions).</summary>
    public static async Task RegisterAsync(IClusterClient client, string dataset, string? format = "csv")
    {
        var outcome = await client.GetGrain<IDatasetGrain>(dataset).RegisterAsync(new DatasetRegistration { Format = format });
        if (outcome.Error is { } error)
        {
            throw new InvalidOperationException($"registering {dataset}: {error}");
        }
    }

    /// <summary>Small sales CSV files, <paramref name="rowsEach"/> rows each, written once under <paramref name="dir"/>.</summary>
    public static async Task<IReadOnlyList<string>> EnsureSmallFilesAsync(string dir, int count, int rowsEach, int seed)
    {
        var files = Enumerable.Range(0, count).Select(i => Path.Combine(dir, $"part-{i:D5}.csv")).ToList();
        var marker = Path.Combine(dir, "complete");
        var expected = $"count={count} rows={rowsEach} seed={seed}";
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == expected && files.All(File.Exists))
        {
            return files;
        }

        Directory.CreateDirectory(dir);
        for (var i = 0; i < count; i++)
        {
            await using var stream = File.Create(files[i]);
            await SalesDataGenerator.WriteCsvAsync(stream, rowsEach, seed, i);
        }

        await File.WriteAllTextAsync(marker, expected);
        return files;
    }

    /// <summary>Downloads every blob of a dataset with <paramref name="streams"/> concurrent downloads, discarding the bytes; returns the bytes read.</summary>
    public static async Task<long> DownloadAsync(BlobServiceClient blobs, string dataset, int streams)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = StorageNames.DatasetPrefix(dataset) }))
        {
            if (!Path.GetFileName(item.Name).StartsWith('_'))
            {
                names.Add(item.Name);
            }
        }

        long total = 0;
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = streams }, async (name, ct) =>
        {
            var response = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: ct);
            await using var content = response.Value.Content;
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    Interlocked.Add(ref total, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        return total;
    }

    /// <summary>A job result's rows as the harness compares them: BIGINT as long, DOUBLE as double, the rest as text.</summary>
    public static List<object?[]> Rows(JobResult result) => result.Rows.Select(row => row.Select((cell, i) => cell is null ? null : result.Columns[i].Type switch
    {
        "BIGINT" => long.Parse(cell, CultureInfo.InvariantCulture),
        "DOUBLE" => double.Parse(cell, CultureInfo.InvariantCulture),
        _ => (object?)cell,
    }).ToArray()).ToList();

    private static async Task<BlobContainerClient> DatasetsAsync(BlobServiceClient blobs)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        await container.CreateIfNotExistsAsync();
        return container;
    }
}
