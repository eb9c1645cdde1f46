using System.Text.Json;
using Azure.Storage.Blobs;
using OrleansProc.Client.Cli;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Jobs;

/// <summary>Reads a whole result that was too large for one message from its blob (<see cref="JobResult.ResultBlob"/>).</summary>
internal static class ResultBlobReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The whole result stored at <paramref name="blob"/> (<c>CONTAINER/PATH</c>).</summary>
    public static async Task<JobResult> ReadAsync(BlobServiceClient blobs, string blob, CancellationToken cancellationToken)
    {
        var slash = blob.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new CommandException($"the result blob '{blob}' is not CONTAINER/PATH", ExitCodes.Failure);
        }

        var content = await blobs.GetBlobContainerClient(blob[..slash]).GetBlobClient(blob[(slash + 1)..]).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToObjectFromJson<JobResult>(Json)
            ?? throw new CommandException($"the result blob '{blob}' is empty", ExitCodes.Failure);
    }
}
