using OrleansProc.Grains.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 2_000)]
    [InlineData(3, 4_000)]
    [InlineData(4, 8_000)]
    [InlineData(5, 15_000)]
    [InlineData(40, 15_000)]
    public void Delay_AnyRandom_BetweenHalfAndAllOfTheCappedExponential(int retry, double ceilingMs)
    {
        var random = new Random(retry);
        for (var i = 0; i < 1_000; i++)
        {
            var delay = RetryBackoff.Delay(retry, First, Cap, random.NextDouble()).TotalMilliseconds;
            Assert.InRange(delay, ceilingMs / 2, ceilingMs);
        }

        Assert.Equal(ceilingMs / 2, RetryBackoff.Delay(retry, First, Cap, 0).TotalMilliseconds, 6);
        Assert.Equal(ceilingMs, RetryBackoff.Delay(retry, First, Cap, 1).TotalMilliseconds, 6);
    }

    [Fact]
    public void Delay_ManyPartitionsRetryingAtOnce_SpreadOut()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 100).Select(_ => RetryBackoff.Delay(3, First, Cap, random.NextDouble())).ToList();

        Assert.True(delays.Distinct().Count() > 90, "retries of many partitions would come back together");
        Assert.True(delays.Max() - delays.Min() > TimeSpan.FromSeconds(1.5), $"spread only {delays.Max() - delays.Min()}");
    }
}
