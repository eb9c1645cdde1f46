namespace OrleansProc.Grains.Jobs;

/// <summary>
/// How long to wait before retry number <c>n</c> (1, 2, ...): exponential from a first delay, capped, with "equal
/// jitter" (half the delay fixed, half random) so retries of many partitions spread out instead of hammering storage
/// or a silo at the same instant, yet never come back at once.
/// </summary>
public static class RetryBackoff
{
    /// <param name="retry">1 for the first retry.</param>
    /// <param name="first">The delay before the first retry, before jitter.</param>
    /// <param name="cap">The longest delay.</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan Delay(int retry, TimeSpan first, TimeSpan cap, double random)
    {
        var exponent = Math.Clamp(retry - 1, 0, 30);
        var delay = Math.Min(first.TotalMilliseconds * Math.Pow(2, exponent), cap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((delay / 2) + (delay / 2 * Math.Clamp(random, 0, 1)));
    }
}
