using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansProc.Contracts;
using OrleansProc.Grains.Hosting;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Jobs.Retention;
using OrleansProc.Grains.Partitions;
using OrleansProc.Silo.Security;

namespace OrleansProc.Silo.Hosting;

/// <summary>Wires a silo: clustering, grain state and reminders on Azure Storage, the grains and their services.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// The grain directory cache's capacity (Orleans' default: 1,000,000). Orleans allocates the cache's dictionary at
    /// that capacity, and its cache-size gauge counts the entries by walking every bucket; the Orleans Dashboard's metrics
    /// reader samples it each second, which cost each silo about a hundredth of a core at any load (docs/benchmarks.md,
    /// issue 14 round 7). The cache holds where other silos' grains live: 20,000 keep the grains of the last several
    /// hundred jobs (a job and its partitions are about 20).
    /// </summary>
    public const int DirectoryCacheSize = 20_000;

    /// <param name="builder">The silo's host.</param>
    /// <param name="settings">The silo's settings, read once by the caller (<see cref="SiloSettings.From"/>).</param>
    public static IHostApplicationBuilder AddOrleansProcSilo(this IHostApplicationBuilder builder, SiloSettings settings)
    {
        var detection = FailureDetectionSettings.From(builder.Configuration);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("OrleansProc", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning); // Orleans' placement logs every resolution at Information
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        // Short SDK retries (about 4 s in all when storage refuses connections): a storage outage is waited out by the
        // job's own backoff and bounded by ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS, and a grain waiting on a failing
        // write holds its turn meanwhile.
        var blobOptions = new BlobClientOptions();
        var tableOptions = new TableClientOptions();
        foreach (var retry in new[] { blobOptions.Retry, tableOptions.Retry })
        {
            retry.Mode = RetryMode.Exponential;
            retry.MaxRetries = 3;
            retry.Delay = TimeSpan.FromMilliseconds(500);
            retry.MaxDelay = TimeSpan.FromSeconds(4);
        }

        var tables = new TableServiceClient(settings.ConnectionString, tableOptions);
        var blobs = new BlobServiceClient(settings.ConnectionString, blobOptions);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = StorageNames.ServiceId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(detection.ProbeTimeoutSeconds);
                o.NumMissedProbesLimit = detection.MissedProbes;
                o.NumVotesForDeathDeclaration = detection.DeathVotes;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(detection.IAmAliveSeconds);
            });
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            if (settings.Tls is { } tls)
            {
                // Mutual TLS on the silo and gateway ports and on this silo's connections to others: every peer presents a
                // certificate, accepted as TlsSettings.IsTrustedPeer says.
                silo.UseTls(tls.Certificate, tls.Apply);
            }

            silo.UseAzureStorageClustering(o => o.TableServiceClient = tables);
            silo.AddAzureBlobGrainStorage("state", o =>
            {
                o.BlobServiceClient = blobs;
                o.ContainerName = StorageNames.GrainStateContainer;
            });
            silo.UseAzureTableReminderService(o => o.TableServiceClient = tables);
            silo.AddOrleansProcGrains(blobs);

            // Every call this silo makes carries the silo key; every call it takes is checked (see CallerCheck).
            silo.AddOutgoingGrainCallFilter(new SiloCallMarker(settings.Access));
            silo.AddIncomingGrainCallFilter<CallerCheck>();
            silo.AddActivityPropagation();
        });
        builder.Services.Configure<WorkerOptions>(o =>
        {
            o.Slots = settings.Slots;
            o.MaxRecordBytes = settings.MaxRecordBytes;
            o.FaultBlob = builder.Configuration["ORLEANSPROC_FAULT_BLOB"] is { Length: > 0 } fault ? fault : null;
            o.FaultStatus = int.TryParse(builder.Configuration["ORLEANSPROC_FAULT_STATUS"], System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : null;
            o.FaultHangBlob = builder.Configuration["ORLEANSPROC_FAULT_HANG_BLOB"] is { Length: > 0 } hang ? hang : null;
            o.FaultStart = builder.Configuration["ORLEANSPROC_FAULT_START"] is { Length: > 0 } start ? start : null;
        });
        builder.Services.Configure<JobOptions>(o =>
        {
            o.MaxResultRows = settings.MaxResultRows;
            o.BroadcastLimit = settings.BroadcastLimit;
            o.StorageOutageLimit = TimeSpan.FromSeconds(settings.StorageOutageLimitSeconds);
            o.MaxGroupsCap = settings.MaxGroupsCap;
        });
        builder.Services.Configure<JobRetentionOptions>(o => o.Retention = settings.JobRetention);
        builder.Services.AddHostedService<JobRetentionScheduler>();
        builder.Services.AddSingleton(settings.Access);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(settings.ShutdownSeconds));
        builder.Services.AddSingleton(settings);
        return builder;
    }
}
