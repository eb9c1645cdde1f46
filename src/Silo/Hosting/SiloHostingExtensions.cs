using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansProc.Contracts;
using OrleansProc.Grains.Hosting;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Partitions;

namespace OrleansProc.Silo.Hosting;

/// <summary>Wires a silo: clustering, grain state and reminders on Azure Storage, the grains and their services.</summary>
public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder AddOrleansProcSilo(this IHostApplicationBuilder builder)
    {
        var settings = SiloSettings.From(builder.Configuration);
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

        var tables = new TableServiceClient(settings.ConnectionString);
        var blobs = new BlobServiceClient(settings.ConnectionString);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = StorageNames.ServiceId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(detection.ProbeTimeoutSeconds);
                o.NumMissedProbesLimit = detection.MissedProbes;
                o.NumVotesForDeathDeclaration = detection.DeathVotes;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(detection.IAmAliveSeconds);
            });
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseAzureStorageClustering(o => o.TableServiceClient = tables);
            silo.AddAzureBlobGrainStorage("state", o =>
            {
                o.BlobServiceClient = blobs;
                o.ContainerName = StorageNames.GrainStateContainer;
            });
            silo.UseAzureTableReminderService(o => o.TableServiceClient = tables);
            silo.AddOrleansProcGrains(blobs);
            silo.AddActivityPropagation();
        });
        builder.Services.Configure<WorkerOptions>(o =>
        {
            o.Slots = settings.Slots;
            o.MaxRecordBytes = settings.MaxRecordBytes;
            o.FaultBlob = builder.Configuration["ORLEANSPROC_FAULT_BLOB"] is { Length: > 0 } fault ? fault : null;
        });
        builder.Services.Configure<JobOptions>(o => o.MaxResultRows = settings.MaxResultRows);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(settings.ShutdownSeconds));
        builder.Services.AddSingleton(settings);
        return builder;
    }
}
