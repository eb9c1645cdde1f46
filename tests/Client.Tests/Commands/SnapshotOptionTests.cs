using System.CommandLine;
using OrleansProc.Client.Commands;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Tests.Commands;

public sealed class SnapshotOptionTests
{
    [Theory]
    [InlineData(new string[0], SnapshotMode.Fail)]
    [InlineData(new[] { "--snapshot", "fail" }, SnapshotMode.Fail)]
    [InlineData(new[] { "--snapshot", "retry" }, SnapshotMode.Retry)]
    public void Create_Parsed_TheMode(string[] args, SnapshotMode expected)
    {
        var option = SnapshotOption.Create();
        var command = new RootCommand { option };

        var parsed = command.Parse(args);

        Assert.Empty(parsed.Errors);
        Assert.Equal(expected, parsed.GetValue(option));
    }
}
