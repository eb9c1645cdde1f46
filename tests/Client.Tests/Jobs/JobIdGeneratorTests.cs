using OrleansProc.TestSupport;
using System.Text.RegularExpressions;
using OrleansProc.Client.Jobs;
using OrleansProc.Contracts;

namespace OrleansProc.Client.Tests.Jobs;

public sealed class JobIdGeneratorTests
{
    [Fact]
    public void Next_AtAGivenTime_UtcTimeThenSixHexDigits()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 25, 14, 28, 20, TimeSpan.FromHours(1)));

        var id = new JobIdGenerator(time).Next();

        Assert.Matches(new Regex("^j20261125-132820-[0-9a-f]{6}$"), id);
        Assert.True(Names.IsValid(id));
    }

    [Fact]
    public void Next_TwiceAtTheSameSecond_Differs()
    {
        var generator = new JobIdGenerator(new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var ids = Enumerable.Range(0, 50).Select(_ => generator.Next()).ToHashSet(StringComparer.Ordinal);

        Assert.True(ids.Count > 45);
    }
}
