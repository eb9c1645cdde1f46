using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansProc.Contracts;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Partitions;
using OrleansProc.Security;

namespace OrleansProc.Silo.Hosting;

/// <summary>
/// A silo's settings, from environment variables (or configuration keys of the same names):
/// ORLEANSPROC_STORAGE (connection string; default Azurite's development storage), ORLEANSPROC_CLUSTER (default dev),
/// ORLEANSPROC_SILO_PORT (default 11111), ORLEANSPROC_GATEWAY_PORT (default 30000), ORLEANSPROC_SILO_NAME,
/// ORLEANSPROC_ADVERTISED_IP (default 127.0.0.1; "auto" for the host's own address) or ORLEANSPROC_ADVERTISED_HOST (a name
/// resolved at start; see <see cref="AdvertisedAddressResolver"/>), ORLEANSPROC_SLOTS (default: cores),
/// ORLEANSPROC_SHUTDOWN_SECONDS (default 30: how long a stopping silo may take to hand its grains over; keep it below
/// the time the container runtime waits before it kills the process), ORLEANSPROC_MAX_RECORD_BYTES (default 16 MiB),
/// ORLEANSPROC_MAX_RESULT_ROWS (default 1,000,000), ORLEANSPROC_BROADCAST_LIMIT (default 67108864 bytes: the largest joined
/// dataset a silo reads whole and hashes),
/// ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS (default 180: how long a job waits for unreachable storage before it fails),
/// ORLEANSPROC_MAX_GROUPS_CAP (default 50,000,000: the largest --max-groups a job may ask for),
/// ORLEANSPROC_JOB_RETENTION (default 7.00:00:00: how long a finished job's state, plans and result are kept),
/// the ORLEANSPROC_TLS_* settings of <see cref="TlsSettings"/> (default: no TLS) and ORLEANSPROC_API_KEY /
/// ORLEANSPROC_SILO_KEY of <see cref="AccessSettings"/> (default: calls not checked).
/// </summary>
public sealed class SiloSettings
{
    public required string ConnectionString { get; init; }

    public required string ClusterId { get; init; }

    [Range(1, 65535)]
    public int SiloPort { get; init; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; init; } = 30000;

    public string SiloName { get; init; } = Environment.MachineName;

    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    [Range(1, 1024)]
    public int Slots { get; init; } = Environment.ProcessorCount;

    [Range(1024, 1 << 30)]
    public int MaxRecordBytes { get; init; } = WorkerOptions.DefaultMaxRecordBytes;

    [Range(1, 100_000_000)]
    public int MaxResultRows { get; init; } = JobOptions.DefaultMaxResultRows;

    [Range(0, long.MaxValue)]
    public long BroadcastLimit { get; init; } = Engine.Sql.SqlProcessorOptions.DefaultBroadcastLimit;

    [Range(1, 86_400)]
    public int StorageOutageLimitSeconds { get; init; } = 180;

    [Range(1, 3600)]
    public int ShutdownSeconds { get; init; } = 30;

    /// <summary>How long a finished job is kept before the retention sweep deletes it.</summary>
    public TimeSpan JobRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Who may call the silo: the API key clients present and the key silos mark their own calls with.</summary>
    public required AccessSettings Access { get; init; }

    [Range(1, int.MaxValue)]
    public int MaxGroupsCap { get; init; } = JobOptions.DefaultMaxGroupsCap;

    /// <summary>Mutual TLS for silo-to-silo and client-to-gateway connections, or null when it is off.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>Reads and validates the settings; a TLS setting that cannot be used throws <see cref="TlsCertificateException"/>.</summary>
    public static SiloSettings From(IConfiguration configuration)
    {
        string? Get(string name) => configuration[name] is { Length: > 0 } value ? value : null;
        var connectionString = Get(StorageNames.StorageVariable) ?? StorageNames.DevelopmentStorage;
        var clusterId = Get(StorageNames.ClusterVariable) ?? "dev";
        var settings = new SiloSettings
        {
            ConnectionString = connectionString,
            ClusterId = clusterId,
            SiloPort = ParseInt(Get("ORLEANSPROC_SILO_PORT"), 11111, "ORLEANSPROC_SILO_PORT"),
            GatewayPort = ParseInt(Get("ORLEANSPROC_GATEWAY_PORT"), 30000, "ORLEANSPROC_GATEWAY_PORT"),
            SiloName = Get("ORLEANSPROC_SILO_NAME") ?? Environment.MachineName,
            AdvertisedAddress = AdvertisedAddressResolver.Resolve(Get(AdvertisedAddressResolver.IpVariable), Get(AdvertisedAddressResolver.HostVariable)),
            Slots = ParseInt(Get("ORLEANSPROC_SLOTS"), Environment.ProcessorCount, "ORLEANSPROC_SLOTS"),
            MaxResultRows = ParseInt(Get("ORLEANSPROC_MAX_RESULT_ROWS"), JobOptions.DefaultMaxResultRows, "ORLEANSPROC_MAX_RESULT_ROWS"),
            BroadcastLimit = ParseLong(Get("ORLEANSPROC_BROADCAST_LIMIT"), Engine.Sql.SqlProcessorOptions.DefaultBroadcastLimit, "ORLEANSPROC_BROADCAST_LIMIT"),
            MaxRecordBytes = ParseInt(Get("ORLEANSPROC_MAX_RECORD_BYTES"), WorkerOptions.DefaultMaxRecordBytes, "ORLEANSPROC_MAX_RECORD_BYTES"),
            StorageOutageLimitSeconds = ParseInt(Get("ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS"), 180, "ORLEANSPROC_STORAGE_OUTAGE_LIMIT_SECONDS"),
            ShutdownSeconds = ParseInt(Get("ORLEANSPROC_SHUTDOWN_SECONDS"), 30, "ORLEANSPROC_SHUTDOWN_SECONDS"),
            JobRetention = ParseRetention(Get(RetentionVariable)),
            MaxGroupsCap = ParseInt(Get("ORLEANSPROC_MAX_GROUPS_CAP"), JobOptions.DefaultMaxGroupsCap, "ORLEANSPROC_MAX_GROUPS_CAP"),
            Tls = TlsSettings.From(Get, silo: true),
            Access = AccessSettings.From(Get, connectionString, clusterId),
        };
        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);
        return settings;
    }

    /// <summary>The retention variable: a .NET time span (d.hh:mm:ss), at least one minute.</summary>
    public const string RetentionVariable = "ORLEANSPROC_JOB_RETENTION";

    private static TimeSpan ParseRetention(string? text) => text is null
        ? TimeSpan.FromDays(7)
        : TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.FromMinutes(1)
            ? value
            : throw new InvalidOperationException($"{RetentionVariable} '{text}' is not a time span of at least a minute (d.hh:mm:ss, e.g. 7.00:00:00 for 7 days)");

    private static int ParseInt(string? text, int fallback, string name) => text is null
        ? fallback
        : int.TryParse(text, out var value) ? value : throw new InvalidOperationException($"{name} '{text}' is not a number");

    private static long ParseLong(string? text, long fallback, string name) => text is null
        ? fallback
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw new InvalidOperationException($"{name} '{text}' is not a whole number of bytes");
}
