using OrleansProc.Client.Commands;

namespace OrleansProc.Client.Tests.Commands;

public sealed class CommonOptionsTests
{
    [Theory]
    [InlineData("1048576", 1048576)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("16M", 16L * 1024 * 1024)]
    [InlineData("64MiB", 64L * 1024 * 1024)]
    [InlineData("64mb", 64L * 1024 * 1024)]
    [InlineData("1G", 1L << 30)]
    [InlineData("7B", 7)]
    public void TryParseByteSize_Valid_Bytes(string text, long expected)
    {
        Assert.True(CommonOptions.TryParseByteSize(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("-5")]
    [InlineData("1.5M")]
    [InlineData("12Q")]
    [InlineData("99999999999999999999")]
    [InlineData("9999999999999G")]
    public void TryParseByteSize_Invalid_False(string text)
    {
        Assert.False(CommonOptions.TryParseByteSize(text, out _));
    }
}
