namespace OrleansProc.Contracts;

/// <summary>Blob containers and the storage environment shared by the silo and the client.</summary>
public static class StorageNames
{
    /// <summary>Datasets: "{dataset}/{file}" plus the manifest "{dataset}/_dataset.json".</summary>
    public const string DatasetsContainer = "datasets";

    /// <summary>Job artefacts: "{jobId}/plan.json", "{jobId}/partials/...", "{jobId}/result.json".</summary>
    public const string JobsContainer = "jobs";

    /// <summary>User processor packages: "{name}/{version}/_manifest.json" and "{name}/{version}/files/{file}" (see <see cref="ProcessorBlobNames"/>).</summary>
    public const string ProcessorsContainer = "processors";

    public const string GrainStateContainer = "grainstate";

    /// <summary>The connection string variable (default: Azurite's development storage on 127.0.0.1).</summary>
    public const string StorageVariable = "ORLEANSPROC_STORAGE";

    /// <summary>The cluster id variable (default: dev).</summary>
    public const string ClusterVariable = "ORLEANSPROC_CLUSTER";

    public const string ServiceId = "orleansproc";

    public const string DevelopmentStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(StorageVariable) is { Length: > 0 } value ? value : DevelopmentStorage;

    public static string ClusterId =>
        Environment.GetEnvironmentVariable(ClusterVariable) is { Length: > 0 } value ? value : "dev";

    /// <summary>The manifest blob of a dataset.</summary>
    public static string DatasetManifest(string dataset) => $"{dataset}/_dataset.json";

    /// <summary>The prefix of a dataset's blobs.</summary>
    public static string DatasetPrefix(string dataset) => $"{dataset}/";
}
