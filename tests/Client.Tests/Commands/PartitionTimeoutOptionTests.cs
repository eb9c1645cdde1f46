using System.CommandLine;
using OrleansProc.Client.Commands;

namespace OrleansProc.Client.Tests.Commands;

public sealed class PartitionTimeoutOptionTests
{
    [Theory]
    [InlineData(new[] { "--partition-timeout", "90" }, 90)]
    [InlineData(new[] { "--partition-timeout", "90s" }, 90)]
    [InlineData(new[] { "--partition-timeout", "20m" }, 1_200)]
    [InlineData(new[] { "--partition-timeout", "2h" }, 7_200)]
    [InlineData(new[] { "--partition-timeout", "1.5m" }, 90)]
    public void Create_Duration_ParsedToSeconds(string[] args, double seconds)
    {
        var option = PartitionTimeoutOption.Create();
        var parsed = new RootCommand { option }.Parse(args);

        Assert.Empty(parsed.Errors);
        Assert.Equal(TimeSpan.FromSeconds(seconds), parsed.GetValue(option));
    }

    [Fact]
    public void Create_NotGiven_NullForTheClustersDefault()
    {
        var option = PartitionTimeoutOption.Create();

        Assert.Null(new RootCommand { option }.Parse([]).GetValue(option));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("-5s")]
    [InlineData("10d")]
    [InlineData("8000h")]
    public void Create_NotADuration_ErrorNamingTheOption(string text)
    {
        var parsed = new RootCommand { PartitionTimeoutOption.Create() }.Parse(["--partition-timeout", text]);

        var error = Assert.Single(parsed.Errors);
        Assert.Equal($"--partition-timeout '{text}' is not a duration: give a positive number of seconds, or 90s, 20m, 2h (at most 7 days)", error.Message);
    }
}
