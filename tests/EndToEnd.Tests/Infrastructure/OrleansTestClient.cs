using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Security;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An Orleans client made in the test process (not the console): it calls grains the console never calls, as a hostile
/// process that reaches the gateway would, with or without the API key.
/// </summary>
public sealed class OrleansTestClient : IAsyncDisposable
{
    private readonly IHost _host;

    private OrleansTestClient(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public static async Task<OrleansTestClient> ConnectAsync(ClusterFixture cluster, string? apiKey)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(cluster.ConnectionString));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = StorageNames.ServiceId;
            });
            if (apiKey is not null)
            {
                client.AddOutgoingGrainCallFilter(context =>
                {
                    RequestContext.Set(CallKeys.ApiKey, apiKey);
                    return context.Invoke();
                });
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new OrleansTestClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
