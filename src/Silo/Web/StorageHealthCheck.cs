using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansProc.Contracts;

namespace OrleansProc.Silo.Web;

/// <summary>Healthy when blob storage answers a request (whether the jobs container exists yet does not matter).</summary>
public sealed class StorageHealthCheck(BlobServiceClient blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await blobs.GetBlobContainerClient(StorageNames.JobsContainer).ExistsAsync(cancellationToken);
            return HealthCheckResult.Healthy($"blob storage answers at {blobs.Uri.Host}:{blobs.Uri.Port}");
        }
        catch (RequestFailedException exception)
        {
            return HealthCheckResult.Unhealthy($"blob storage at {blobs.Uri.Host}:{blobs.Uri.Port} failed: {exception.Status} {exception.ErrorCode}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"blob storage at {blobs.Uri.Host}:{blobs.Uri.Port} did not answer in time");
        }
        catch (AggregateException exception)
        {
            return HealthCheckResult.Unhealthy($"blob storage at {blobs.Uri.Host}:{blobs.Uri.Port} is unreachable: {exception.InnerExceptions[0].Message}");
        }
    }
}
