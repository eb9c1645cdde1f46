using System.Net.Sockets;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansProc.Client.Telemetry;
using OrleansProc.Contracts.Security;
using OrleansProc.Security;

namespace OrleansProc.Client.Cluster;

/// <summary>
/// An Orleans client connected to the cluster through Azure Table clustering, plus blob access to the same storage;
/// over mutual TLS when <see cref="TlsSettings"/> are given (ORLEANSPROC_TLS_CERT set).
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly IHost _host;

    private ClusterConnection(IHost host, StorageSettings settings)
    {
        _host = host;
        Settings = settings;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public StorageSettings Settings { get; }

    public BlobServiceClient Blobs => new(Settings.ConnectionString);

    /// <summary>Connects, or throws a <see cref="Cli.CommandException"/> saying the cluster cannot be reached.</summary>
    /// <param name="settings">Where the cluster is.</param>
    /// <param name="tls">The client's TLS settings, or null for plain TCP.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    public static async Task<ClusterConnection> ConnectAsync(StorageSettings settings, TlsSettings? tls, CancellationToken cancellationToken)
    {
        if (settings.TableEndpoint is { } table && !await CanConnectAsync(table.Host, table.Port, cancellationToken))
        {
            throw ClusterUnreachable.Error(settings, $"nothing listens on {table.Host}:{table.Port}");
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseAzureStorageClustering(options => options.TableServiceClient = CreateTableClient(settings));
            client.AddActivityPropagation();
            if (AccessSettings.ClientApiKeyFromEnvironment() is { } apiKey)
            {
                // Every call carries the API key (ORLEANSPROC_API_KEY); silos that have one refuse calls without it.
                client.AddOutgoingGrainCallFilter(context =>
                {
                    RequestContext.Set(CallKeys.ApiKey, apiKey);
                    return context.Invoke();
                });
            }

            if (tls is not null)
            {
                client.UseTls(tls.Certificate, tls.Apply);
            }

            client.Services.AddSingleton<IClientConnectionRetryFilter>(
                new ConnectionRetryPolicy(ConnectionRetryPolicy.DefaultMaxRetries, ConnectionRetryPolicy.DefaultDelay, TimeProvider.System));
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
        });

        ClientTelemetry.AddTracingIfConfigured(builder);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new ClusterConnection(host, settings);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            host.Dispose();
            throw ClusterUnreachable.ConnectFailed(settings, exception, tls is not null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(stop.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or OrleansException or TimeoutException)
        {
            // leaving anyway
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>True when something accepts TCP connections at host:port within a short time.</summary>
    public static async Task<bool> CanConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static TableServiceClient CreateTableClient(StorageSettings settings)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return new TableServiceClient(settings.ConnectionString, options);
    }
}
