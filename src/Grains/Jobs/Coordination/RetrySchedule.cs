namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>
/// The failures in a row of one of the coordinator's own operations (a state save, the merge, a directory write) and
/// when it may be tried again: each failure backs off further (<see cref="RetryBackoff"/>); a success starts afresh.
/// </summary>
internal sealed class RetrySchedule
{
    /// <summary>Failures since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>The operation is not tried before this.</summary>
    public DateTimeOffset RetryAt { get; private set; }

    /// <summary>Records a failure at <paramref name="now"/>; returns the delay before the next try.</summary>
    public TimeSpan Fail(DateTimeOffset now, Func<int, TimeSpan> backoff)
    {
        var delay = backoff(++Failures);
        RetryAt = now + delay;
        return delay;
    }

    /// <summary>Records a success: returns the failures before it (0 when none).</summary>
    public int Succeed()
    {
        var failures = Failures;
        Failures = 0;
        RetryAt = default;
        return failures;
    }
}
