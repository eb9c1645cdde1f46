namespace OrleansProc.TestSupport;

/// <summary>Azurite from infra/node_modules, in memory, on free ports of 127.0.0.1, stopped on dispose.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly ChildProcess _process;

    private AzuriteProcess(ChildProcess process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    /// <summary>The Azurite (node) process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>A connection string for Azure.Storage.Blobs, Azure.Data.Tables and ORLEANSPROC_STORAGE.</summary>
    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync(string workDirectory)
    {
        if (!File.Exists(RepositoryRoot.AzuriteBin))
        {
            throw new InvalidOperationException($"{RepositoryRoot.AzuriteBin} is missing: run 'npm ci' in infra/ (the README's test command does)");
        }

        return await FreePorts.StartAsync(() => StartOnFreePortsAsync(workDirectory));
    }

    private static async Task<AzuriteProcess> StartOnFreePortsAsync(string workDirectory)
    {
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
        var connectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        var process = ChildProcess.Start(
            RepositoryRoot.AzuriteBin,
            [
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
            ],
            new Dictionary<string, string>(),
            Path.Combine(workDirectory, "azurite.log"));
        var azurite = new AzuriteProcess(process, connectionString);
        try
        {
            await process.WaitForOutputAsync("Table service is successfully listening", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
