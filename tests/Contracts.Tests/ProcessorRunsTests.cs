using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Contracts.Tests;

public sealed class ProcessorRunsTests
{
    private static readonly JobSpec Run = new()
    {
        Kind = JobKind.Run,
        Processor = "stats",
        ProcessorName = "ByCountry",
        ProcessorVersion = "0123456789abcdef",
        Dataset = "sales",
        Arguments = new Dictionary<string, string> { ["min"] = "3", ["gate"] = "/tmp/g" },
        Isolation = "process",
    };

    [Fact]
    public void Describe_RunJob_NamesPackageVersionDatasetSortedArgumentsAndIsolation() =>
        Assert.Equal("run stats:ByCountry@0123456789abcdef sales --arg gate=/tmp/g --arg min=3 --isolation process", Run.Describe());

    [Fact]
    public void Uses_ItsOwnDescription_True() => Assert.True(ProcessorRuns.Uses(Run.Describe(), "stats", "0123456789abcdef"));

    [Theory]
    [InlineData("stat", "0123456789abcdef")]
    [InlineData("stats2", "0123456789abcdef")]
    [InlineData("stats", "0123456789abcdee")]
    public void Uses_OtherPackageOrVersion_False(string name, string version) =>
        Assert.False(ProcessorRuns.Uses(Run.Describe(), name, version));

    [Fact]
    public void Uses_PrefixOfAnotherPackagesName_False() =>
        Assert.False(ProcessorRuns.Uses((Run with { Processor = "stats2" }).Describe(), "stats", "0123456789abcdef"));

    [Fact]
    public void Uses_QueryDescription_False() =>
        Assert.False(ProcessorRuns.Uses("SELECT COUNT(*) FROM stats", "stats", "0123456789abcdef"));
}
