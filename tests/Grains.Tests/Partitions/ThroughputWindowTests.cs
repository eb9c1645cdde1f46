using OrleansProc.Grains.Partitions;

namespace OrleansProc.Grains.Tests.Partitions;

public sealed class ThroughputWindowTests
{
    private const long Frequency = 1_000;

    private static long Seconds(double seconds) => (long)(seconds * Frequency);

    [Fact]
    public void Add_FirstSample_ZeroRate()
    {
        var window = new ThroughputWindow(TimeSpan.FromSeconds(5), Frequency);

        Assert.Equal((0d, 0d), window.Add(Seconds(3), 1_000, 50_000));
    }

    [Fact]
    public void Add_SteadyWork_RateOverTheWindow()
    {
        var window = new ThroughputWindow(TimeSpan.FromSeconds(5), Frequency);
        (double Rows, double Bytes) rate = default;
        for (var second = 0; second <= 20; second++)
        {
            rate = window.Add(Seconds(second), second * 300L, second * 2_000_000L);
        }

        Assert.Equal(300, rate.Rows, 6);
        Assert.Equal(2_000_000, rate.Bytes, 6);
    }

    [Fact]
    public void Add_WorkStops_FallsToZeroAfterTheWindow()
    {
        var window = new ThroughputWindow(TimeSpan.FromSeconds(5), Frequency);
        for (var second = 0; second <= 10; second++)
        {
            window.Add(Seconds(second), second * 100L, second * 1_000L);
        }

        var justAfter = window.Add(Seconds(12), 1_000, 10_000);
        for (var second = 13; second <= 15; second++)
        {
            window.Add(Seconds(second), 1_000, 10_000);
        }

        var later = window.Add(Seconds(16), 1_000, 10_000);

        Assert.True(justAfter.RowsPerSecond > 0, $"{justAfter.RowsPerSecond} rows/s");
        Assert.Equal((0d, 0d), later);
    }

    [Fact]
    public void Add_SparseSamples_RateSinceTheLastSample()
    {
        var window = new ThroughputWindow(TimeSpan.FromSeconds(5), Frequency);
        window.Add(Seconds(0), 0, 0);

        var rate = window.Add(Seconds(20), 4_000, 8_000_000);

        Assert.Equal(200, rate.RowsPerSecond, 6);
        Assert.Equal(400_000, rate.BytesPerSecond, 6);
    }
}
