using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Tests.Output;

public sealed class TableResultWriterTests
{
    private static string[] Write(IReadOnlyList<ResultColumn> columns, params IReadOnlyList<string?>[] rows)
    {
        var output = new StringWriter { NewLine = "\n" };
        new TableResultWriter().Write(output, columns, rows);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Write_NumbersAndText_NumbersRightAlignedTextLeftAligned()
    {
        var lines = Write([new("country", "VARCHAR"), new("orders", "BIGINT"), new("avg", "DOUBLE")], ["US", "12345", "1.5"], ["DE", "7", "10.25"]);

        Assert.Equal(
            [
                "country  orders    avg",
                "-------  ------  -----",
                "US        12345    1.5",
                "DE            7  10.25",
            ],
            lines);
    }

    [Fact]
    public void Write_Null_ShownAsNull()
    {
        var lines = Write([new("a", "VARCHAR"), new("b", "BIGINT")], new string?[] { null, null });

        Assert.Equal("NULL  NULL", lines[2]);
    }

    [Fact]
    public void Write_LineBreakInCell_EscapedOnOneLine()
    {
        var lines = Write([new("comment", "VARCHAR")], ["two\nlines"]);

        Assert.Equal(3, lines.Length);
        Assert.Equal("two\\nlines", lines[2]);
    }

    [Fact]
    public void Display_LongCell_CutWithEllipsis()
    {
        var shown = TableResultWriter.Display(new string('x', 500));

        Assert.Equal(TableResultWriter.MaxCellWidth, TableResultWriter.Width(shown));
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoRows_HeaderAndRuleOnly()
    {
        var lines = Write([new("n", "BIGINT")]);

        Assert.Equal(["n", "-"], lines);
    }
}
