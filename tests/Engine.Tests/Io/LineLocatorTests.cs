using System.Text;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

public sealed class LineLocatorTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(8, 3)]
    [InlineData(100, 4)]
    public async Task CountLinesAsync_Offset_ReturnsOneBasedLine(long offset, long line)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("ab\ncd\r\nef\n"));

        Assert.Equal(line, await LineLocator.CountLinesAsync(stream, offset));
    }
}
