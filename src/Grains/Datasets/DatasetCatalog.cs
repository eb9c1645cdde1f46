using OrleansProc.Contracts;
using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Parquet;
using OrleansProc.Engine.Schema;
using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Datasets;

/// <summary>
/// Datasets in blob storage: each is the blobs under "{name}/" in the datasets container, described by the manifest
/// "{name}/_dataset.json". Blob names starting with '_' are not data.
/// </summary>
public sealed class DatasetCatalog(BlobStore store, TimeProvider time)
{
    public async Task<DatasetManifest?> GetManifestAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!Names.IsValid(name))
        {
            return null;
        }

        await store.EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        return await store.ReadJsonAsync<DatasetManifest>(store.Datasets, StorageNames.DatasetManifest(name), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DatasetBlob>> ListBlobsAsync(string name, CancellationToken cancellationToken = default)
    {
        await store.EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        var items = await store.ListAsync(store.Datasets, StorageNames.DatasetPrefix(name), cancellationToken).ConfigureAwait(false);
        return items
            .Where(b => !Path.GetFileName(b.Name).StartsWith('_'))
            .Select(b => new DatasetBlob(b.Name, b.Properties.ContentLength ?? 0))
            .ToList();
    }

    public async Task<DatasetInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        var manifest = await GetManifestAsync(name, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return null;
        }

        var blobs = await ListBlobsAsync(name, cancellationToken).ConfigureAwait(false);
        return ToInfo(manifest, blobs);
    }

    /// <summary>Registers the blobs under the dataset's prefix: the format, and the schema inferred from the first blob or given.</summary>
    public async Task<DatasetOutcome> RegisterAsync(string name, DatasetRegistration registration, CancellationToken cancellationToken = default)
    {
        if (Names.Validate(name, "dataset") is { } invalid)
        {
            return new DatasetOutcome(null, invalid);
        }

        var blobs = await ListBlobsAsync(name, cancellationToken).ConfigureAwait(false);
        if (blobs.Count == 0)
        {
            return new DatasetOutcome(null, $"dataset '{name}' has no blobs under {StorageNames.DatasetsContainer}/{name}/: upload files first");
        }

        if (DetectFormat(blobs, registration.Format, out var format) is { } formatError)
        {
            return new DatasetOutcome(null, formatError);
        }

        if (registration.Delimiter is { } d && (!char.IsAscii(d) || d is '"' or '\n' or '\r' or '\0'))
        {
            return new DatasetOutcome(null, "bad delimiter: one ASCII character other than a quote or a line end");
        }

        TableSchema schema;
        char delimiter;
        try
        {
            format = await DetectJsonLayoutAsync(format, blobs, cancellationToken).ConfigureAwait(false);
            var given = registration.Schema is { Length: > 0 } text ? SchemaParser.Parse(text) : null;
            var inferred = given is not null && (format != DataFormat.Csv || registration.Delimiter is not null)
                ? new InferredSchema(given, registration.Delimiter ?? ',')
                : await InferSchemaAsync(format, blobs, registration.Delimiter, given, cancellationToken).ConfigureAwait(false);
            delimiter = inferred.Delimiter;
            schema = inferred.Schema;
        }
        catch (ArgumentException e)
        {
            return new DatasetOutcome(null, $"bad schema: {e.Message}");
        }
        catch (BadRecordException e)
        {
            return new DatasetOutcome(null, e.Message);
        }
        catch (InvalidDataException e)
        {
            return new DatasetOutcome(null, e.Message);
        }

        var manifest = new DatasetManifest
        {
            Name = name,
            Format = format,
            Columns = schema.Columns,
            SchemaGiven = registration.Schema is { Length: > 0 },
            RegisteredAt = time.GetUtcNow(),
            Delimiter = delimiter,
            StrictQuotes = registration.StrictQuotes,
        };
        await WriteManifestAsync(manifest, cancellationToken).ConfigureAwait(false);
        return new DatasetOutcome(ToInfo(manifest, blobs), null);
    }

    public Task WriteManifestAsync(DatasetManifest manifest, CancellationToken cancellationToken = default) =>
        store.UploadJsonAsync(store.Datasets, StorageNames.DatasetManifest(manifest.Name), manifest, cancellationToken);

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!Names.IsValid(name))
        {
            return false;
        }

        await store.EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await store.DeletePrefixAsync(store.Datasets, StorageNames.DatasetPrefix(name), cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    public async Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await store.EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        var names = await store.ListPrefixesAsync(store.Datasets, cancellationToken).ConfigureAwait(false);
        var infos = new List<DatasetInfo>();
        foreach (var name in names)
        {
            if (await GetInfoAsync(name, cancellationToken).ConfigureAwait(false) is { } info)
            {
                infos.Add(info);
            }
        }

        return infos;
    }

    public static DatasetInfo ToInfo(DatasetManifest manifest, IReadOnlyList<DatasetBlob> blobs) => new()
    {
        Name = manifest.Name,
        Format = DataFormats.Name(manifest.Format),
        Columns = manifest.Columns.Select(c => new ResultColumn(c.Name, SqlTypeNames.Name(c.Type))).ToList(),
        Blobs = blobs.Count,
        Bytes = blobs.Sum(b => b.Length),
        RegisteredAt = manifest.RegisteredAt,
        SchemaGiven = manifest.SchemaGiven,
        Delimiter = manifest.Delimiter,
    };

    private static string? DetectFormat(IReadOnlyList<DatasetBlob> blobs, string? requested, out DataFormat format)
    {
        if (requested is not null)
        {
            return DataFormats.TryParse(requested, out format) ? null : $"unknown format '{requested}': use csv, jsonl, text or parquet";
        }

        var formats = blobs.Select(b => DataFormats.FromName(b.Name)).Distinct().ToList();
        format = DataFormat.Csv;
        if (formats.Count != 1 || formats[0] is null)
        {
            return formats.Count > 1
                ? "the dataset mixes blobs of several formats (by extension): give --format or upload one format"
                : $"cannot tell the format of '{blobs[0].Name}' from its extension: give --format csv|jsonl|text|parquet";
        }

        format = formats[0]!.Value;
        return null;
    }

    /// <summary>For a JSON format, the layout of the first non-empty blob (an array when it starts with '['; see <see cref="JsonLayout"/>).</summary>
    private async Task<DataFormat> DetectJsonLayoutAsync(DataFormat format, IReadOnlyList<DatasetBlob> blobs, CancellationToken cancellationToken)
    {
        if (format is not (DataFormat.Jsonl or DataFormat.JsonArray) || blobs.FirstOrDefault(b => b.Length > 0) is not { } first)
        {
            return format;
        }

        await using var head = await store.OpenRangeReadAsync(store.Datasets, first.Name, 0, JsonLayout.ProbeBytes, cancellationToken).ConfigureAwait(false);
        return await JsonLayout.DetectAsync(head, first.Gzip, format, first.Name, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InferredSchema> InferSchemaAsync(DataFormat format, IReadOnlyList<DatasetBlob> blobs, char? delimiter, TableSchema? given, CancellationToken cancellationToken)
    {
        var first = blobs.FirstOrDefault(b => b.Length > 0) ?? blobs[0];
        if (format == DataFormat.Parquet)
        {
            await using var file = await store.OpenSeekableReadAsync(store.Datasets, first.Name, cancellationToken).ConfigureAwait(false);
            return new InferredSchema(given ?? ParquetSchemaReader.Read(file, first.Name), delimiter ?? ',');
        }

        await using var head = await store.OpenRangeReadAsync(store.Datasets, first.Name, 0, SchemaInference.SampleBytes, cancellationToken).ConfigureAwait(false);
        return await SchemaInference.InferWithDelimiterAsync(head, first.Gzip, format, first.Name, delimiter, given, cancellationToken).ConfigureAwait(false);
    }
}
