namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>
/// Which stragglers get a speculative copy (Spark's speculation): once at least <paramref name="Quantile"/> of a job's
/// partitions are done, a partition that has run longer than <paramref name="Multiplier"/> times the median duration of
/// the done ones, and at least <paramref name="MinRuntime"/>, is copied once on another silo; the first to finish counts.
/// </summary>
/// <param name="Quantile">The share of partitions done before any copy (0.75).</param>
/// <param name="Multiplier">How many medians a straggler has run (1.5).</param>
/// <param name="MinRuntime">The shortest run that may be copied.</param>
public sealed record SpeculationPolicy(double Quantile, double Multiplier, TimeSpan MinRuntime)
{
    /// <summary>The policy of the job options.</summary>
    public static SpeculationPolicy Of(JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SpeculationPolicy(options.SpeculationQuantile, options.SpeculationMultiplier, options.SpeculationMinRuntime);
    }

    /// <summary>The partitions to copy now, in index order.</summary>
    /// <param name="total">The job's partitions.</param>
    /// <param name="done">How long each done partition's counted attempt ran.</param>
    /// <param name="running">Each running partition without a copy: its index and how long its attempt has run.</param>
    public IReadOnlyList<int> Stragglers(int total, IReadOnlyList<TimeSpan> done, IReadOnlyList<(int Index, TimeSpan Running)> running)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(running);
        if (total <= 1 || done.Count == 0 || running.Count == 0 || done.Count < Math.Ceiling(Quantile * total))
        {
            return [];
        }

        var threshold = TimeSpan.FromTicks((long)(Median(done).Ticks * Multiplier));
        if (threshold < MinRuntime)
        {
            threshold = MinRuntime;
        }

        return running.Where(r => r.Running > threshold).Select(r => r.Index).Order().ToList();
    }

    private static TimeSpan Median(IReadOnlyList<TimeSpan> durations)
    {
        var sorted = durations.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
