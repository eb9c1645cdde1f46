using System.ComponentModel.DataAnnotations;

namespace OrleansProc.Grains.Jobs.Retention;

/// <summary>How long finished jobs are kept, and how often the sweep looks for older ones.</summary>
public sealed class JobRetentionOptions
{
    /// <summary>A finished job is deleted once it finished longer ago than this (ORLEANSPROC_JOB_RETENTION; default 7 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the sweep runs (the reminder's period; default 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromHours(1);
}
