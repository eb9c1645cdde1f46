using OrleansProc.Client.Output;

namespace OrleansProc.Client.Tests.Output;

public sealed class CellKindsTests
{
    [Theory]
    [InlineData("BIGINT", "Integer")]
    [InlineData("bigint", "Integer")]
    [InlineData("DOUBLE", "Real")]
    [InlineData("BOOLEAN", "Boolean")]
    [InlineData("VARCHAR", "Text")]
    [InlineData("TIMESTAMP", "Text")]
    [InlineData(null, "Text")]
    public void Of_SqlType_RenderKind(string? type, string expected)
    {
        Assert.Equal(expected, CellKinds.Of(type).ToString());
    }
}
