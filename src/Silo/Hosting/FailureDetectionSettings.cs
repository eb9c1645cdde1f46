using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace OrleansProc.Silo.Hosting;

/// <summary>
/// How fast the cluster declares a silo dead, from environment variables. Orleans' defaults (probes every 5 s,
/// 3 missed probes, 2 votes, heartbeat row every 5 min) take tens of seconds to notice a killed silo; a job's lost
/// partitions wait that long. OrleansProc's defaults suit a small dev or test cluster (a killed silo is declared dead
/// in about 6 to 10 s); on a loaded production cluster raise them to avoid declaring a slow silo dead.
/// ORLEANSPROC_PROBE_TIMEOUT_SECONDS (default 3: the period between probes and the timeout of each),
/// ORLEANSPROC_MISSED_PROBES (default 2: missed probes before a silo is suspected),
/// ORLEANSPROC_DEATH_VOTES (default 2: suspicions needed to declare it dead, capped by Orleans at half the active silos),
/// ORLEANSPROC_IAMALIVE_SECONDS (default 10: how often a silo writes its heartbeat to the membership table; a silo
/// started after the whole cluster died waits until the dead silos' heartbeats are 3 periods old before it joins, so
/// this bounds how soon a restarted cluster takes work). A storage outage only delays heartbeats: probes go silo to
/// silo, and no silo can be voted dead while the table is unreachable.
/// </summary>
public sealed class FailureDetectionSettings
{
    [Range(1, 600)]
    public int ProbeTimeoutSeconds { get; init; } = 3;

    [Range(1, 100)]
    public int MissedProbes { get; init; } = 2;

    [Range(1, 100)]
    public int DeathVotes { get; init; } = 2;

    [Range(1, 3600)]
    public int IAmAliveSeconds { get; init; } = 10;

    public static FailureDetectionSettings From(IConfiguration configuration)
    {
        int Get(string name, int fallback) => configuration[name] is { Length: > 0 } text
            ? int.TryParse(text, out var value) ? value : throw new InvalidOperationException($"{name} '{text}' is not a number")
            : fallback;
        var settings = new FailureDetectionSettings
        {
            ProbeTimeoutSeconds = Get("ORLEANSPROC_PROBE_TIMEOUT_SECONDS", 3),
            MissedProbes = Get("ORLEANSPROC_MISSED_PROBES", 2),
            DeathVotes = Get("ORLEANSPROC_DEATH_VOTES", 2),
            IAmAliveSeconds = Get("ORLEANSPROC_IAMALIVE_SECONDS", 10),
        };
        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);
        return settings;
    }
}
