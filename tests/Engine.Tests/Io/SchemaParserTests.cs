using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Io;

public sealed class SchemaParserTests
{
    [Fact]
    public void Parse_Spec_ReturnsColumnsInOrder()
    {
        var schema = SchemaParser.Parse("ts TIMESTAMP, user_id bigint,country VARCHAR(2), \"unit \"\"price\"\", eur\" DECIMAL(10, 2), ok BOOL, n INT");

        Assert.Equal(
            [("ts", SqlType.Timestamp), ("user_id", SqlType.BigInt), ("country", SqlType.Varchar), ("unit \"price\", eur", SqlType.Double), ("ok", SqlType.Boolean), ("n", SqlType.BigInt)],
            schema.Columns.Select(c => (c.Name, c.Type)));
    }

    [Fact]
    public void Parse_DateColumn_IsDate()
    {
        var schema = SchemaParser.Parse("day DATE, ts timestamp");

        Assert.Equal([("day", SqlType.Date), ("ts", SqlType.Timestamp)], schema.Columns.Select(c => (c.Name, c.Type)));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a BIGINT,", "Column 2 of the schema is empty")]
    [InlineData("a", "Column 'a' has no type")]
    [InlineData("a BLOB", "unknown type 'BLOB'")]
    [InlineData("a INT, A VARCHAR", "Column 'A' appears twice")]
    [InlineData("\"a BIGINT", "unterminated quoted name")]
    [InlineData("a BIGINT(3)", "unknown type")]
    public void Parse_BadSpec_ThrowsArgumentException(string spec, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => SchemaParser.Parse(spec));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
