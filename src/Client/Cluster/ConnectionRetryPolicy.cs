namespace OrleansProc.Client.Cluster;

/// <summary>
/// Retries the first connection to the cluster a few times, briefly (a silo that just started may not be listed
/// yet), instead of Orleans' default of 15 retries over about three minutes: a console should fail fast.
/// </summary>
internal sealed class ConnectionRetryPolicy(int maxRetries, TimeSpan delay, TimeProvider time) : IClientConnectionRetryFilter
{
    public const int DefaultMaxRetries = 3;

    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(500);

    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || Interlocked.Increment(ref _attempts) > maxRetries)
        {
            return false;
        }

        await Task.Delay(delay, time, cancellationToken);
        return true;
    }
}
