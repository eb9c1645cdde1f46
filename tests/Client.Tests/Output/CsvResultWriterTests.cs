using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Tests.Output;

public sealed class CsvResultWriterTests
{
    private static string Write(IReadOnlyList<ResultColumn> columns, params IReadOnlyList<string?>[] rows)
    {
        var output = new StringWriter { NewLine = "\n" };
        new CsvResultWriter().Write(output, columns, rows);
        return output.ToString();
    }

    [Fact]
    public void Write_Rows_HeaderThenOneLinePerRow()
    {
        var csv = Write([new("category", "VARCHAR"), new("n", "BIGINT")], ["books", "3"], ["toys", "1"]);

        Assert.Equal("category,n\nbooks,3\ntoys,1\n", csv);
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rlf", "\"cr\rlf\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    public void Field_SpecialCharacters_QuotedAsRfc4180(string cell, string expected)
    {
        Assert.Equal(expected, CsvResultWriter.Field(cell));
    }

    [Fact]
    public void Write_Null_EmptyField()
    {
        var csv = Write([new("a", "VARCHAR"), new("b", "BIGINT"), new("c", "VARCHAR")], [null, null, "x"]);

        Assert.Equal("a,b,c\n,,x\n", csv);
    }

    [Fact]
    public void Write_HeaderNeedingQuotes_Quoted()
    {
        var csv = Write([new("COUNT(a, b)", "BIGINT")]);

        Assert.Equal("\"COUNT(a, b)\"\n", csv);
    }
}
