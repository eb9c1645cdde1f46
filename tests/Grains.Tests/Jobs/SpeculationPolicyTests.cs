using OrleansProc.Grains.Jobs.Coordination;

namespace OrleansProc.Grains.Tests.Jobs;

public sealed class SpeculationPolicyTests
{
    private static readonly SpeculationPolicy Policy = new(0.75, 1.5, TimeSpan.FromSeconds(10));

    [Fact]
    public void Stragglers_MostDoneOneRunsLongPastTheMedian_CopiesIt()
    {
        var done = Seconds(20, 22, 24, 26, 28, 30);

        var copies = Policy.Stragglers(8, done, [(3, TimeSpan.FromSeconds(38)), (6, TimeSpan.FromSeconds(30))]);

        Assert.Equal([3], copies); // median 25 s: a straggler runs over 37.5 s
    }

    [Fact]
    public void Stragglers_PastOneAndAHalfMedians_CopiedInIndexOrder()
    {
        var done = Seconds(10, 10, 10, 10, 10, 10);

        var copies = Policy.Stragglers(8, done, [(7, TimeSpan.FromSeconds(16)), (2, TimeSpan.FromSeconds(15.5)), (5, TimeSpan.FromSeconds(14))]);

        Assert.Equal([2, 7], copies);
    }

    [Fact]
    public void Stragglers_FewerThanTheQuantileDone_NoCopy()
    {
        var copies = Policy.Stragglers(8, Seconds(1, 1, 1, 1, 1), [(6, TimeSpan.FromHours(1))]);

        Assert.Empty(copies);
    }

    [Fact]
    public void Stragglers_ShortMedian_WaitsForTheMinimumRuntime()
    {
        var done = Seconds(1, 1, 1);

        Assert.Empty(Policy.Stragglers(4, done, [(0, TimeSpan.FromSeconds(9))]));
        Assert.Equal([0], Policy.Stragglers(4, done, [(0, TimeSpan.FromSeconds(11))]));
    }

    [Fact]
    public void Stragglers_OnePartition_NeverCopied()
    {
        Assert.Empty(Policy.Stragglers(1, [], [(0, TimeSpan.FromHours(1))]));
    }

    [Fact]
    public void Stragglers_EvenCount_MedianIsTheMeanOfTheMiddleTwo()
    {
        var done = Seconds(10, 20, 30, 40); // median 25 s, threshold 37.5 s

        Assert.Empty(Policy.Stragglers(5, done, [(4, TimeSpan.FromSeconds(37))]));
        Assert.Equal([4], Policy.Stragglers(5, done, [(4, TimeSpan.FromSeconds(38))]));
    }

    private static List<TimeSpan> Seconds(params double[] seconds) => seconds.Select(TimeSpan.FromSeconds).ToList();
}
