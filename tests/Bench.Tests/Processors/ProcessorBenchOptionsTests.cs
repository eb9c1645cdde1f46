using OrleansProc.Bench.Processors;

namespace OrleansProc.Bench.Tests.Processors;

public sealed class ProcessorBenchOptionsTests
{
    [Fact]
    public void Parse_EveryOption_Typed()
    {
        var (options, error) = ProcessorBenchOptions.Parse(
            ["pkg:lookup", "data/*.csv", "--arg", "rounds=100", "--runs", "3", "--partition-size", "16384", "--lookup-latency", "20.5", "--arg", "url=http://h/x=1", "--local"]);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Equal("pkg:lookup", options.Package);
        Assert.Equal("data/*.csv", options.Files);
        Assert.Equal([new("rounds", "100"), new("url", "http://h/x=1")], options.Arguments);
        Assert.Equal(3, options.Runs);
        Assert.Equal(16384, options.PartitionSize);
        Assert.Equal(TimeSpan.FromMilliseconds(20.5), options.LookupLatency);
        Assert.True(options.LocalOnly);
    }

    [Fact]
    public void Parse_PackageAndFilesOnly_Defaults()
    {
        var (options, error) = ProcessorBenchOptions.Parse(["pkg", "a.csv"]);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Empty(options.Arguments);
        Assert.Equal(2, options.Runs);
        Assert.Null(options.PartitionSize);
        Assert.Null(options.LookupLatency);
        Assert.False(options.LocalOnly);
    }

    [Theory]
    [InlineData("--runs", "0", "--runs '0'")]
    [InlineData("--runs", "two", "--runs 'two'")]
    [InlineData("--partition-size", "-5", "--partition-size '-5'")]
    [InlineData("--lookup-latency", "soon", "--lookup-latency 'soon'")]
    [InlineData("--arg", "rounds", "'rounds' is not key=value")]
    [InlineData("--arg", "=5", "'=5' is not key=value")]
    public void Parse_BadValue_SaysWhich(string option, string value, string expected)
    {
        var (options, error) = ProcessorBenchOptions.Parse(["pkg", "a.csv", option, value]);

        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValue_SaysItNeedsOne()
    {
        var (options, error) = ProcessorBenchOptions.Parse(["pkg", "a.csv", "--runs"]);

        Assert.Null(options);
        Assert.Equal("--runs needs a value", error);
    }

    [Fact]
    public void Parse_UnknownArgument_NamesIt()
    {
        var (options, error) = ProcessorBenchOptions.Parse(["pkg", "a.csv", "--silos", "3"]);

        Assert.Null(options);
        Assert.Equal("unknown argument '--silos'", error);
    }

    [Fact]
    public void Parse_NoFiles_AsksForThem()
    {
        var (options, error) = ProcessorBenchOptions.Parse(["pkg"]);

        Assert.Null(options);
        Assert.StartsWith("give a package and the files", error, StringComparison.Ordinal);
    }
}
