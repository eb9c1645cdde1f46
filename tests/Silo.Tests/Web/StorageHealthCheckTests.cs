using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansProc.Contracts;
using OrleansProc.Silo.Web;

namespace OrleansProc.Silo.Tests.Web;

public sealed class StorageHealthCheckTests
{
    [Fact]
    public async Task CheckHealthAsync_NothingListens_UnhealthyNamingTheEndpoint()
    {
        var port = ClosedPort();
        var connection = StorageNames.DevelopmentStorage.Replace("127.0.0.1:10000", $"127.0.0.1:{port}", StringComparison.Ordinal);
        var check = new StorageHealthCheck(new BlobServiceClient(connection));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), timeout.Token);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"127.0.0.1:{port}", result.Description, StringComparison.Ordinal);
    }

    /// <summary>A port nothing listens on: taken from the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
