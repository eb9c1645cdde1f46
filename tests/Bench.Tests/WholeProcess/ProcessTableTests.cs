using OrleansProc.Bench.WholeProcess;

namespace OrleansProc.Bench.Tests.WholeProcess;

public sealed class ProcessTableTests
{
    private static readonly ProcessFigure s_startup = new("-", ProcessFigure.StartupQuery, 0, 0.01, 0.12, 3, 1, "agree");

    [Fact]
    public void VsDuckDbQuery_QuerySecondsGiven_OverOrleansProcsWholeProcess()
    {
        var figure = new ProcessFigure("export", "parquet", 1, 0.25, 0.32, 3, 20, "agree") { DuckDbQuerySeconds = 0.30 };

        Assert.Equal(1.2, figure.VsDuckDbQuery!.Value, 9);
        Assert.Equal(1.28, figure.VsDuckDb!.Value, 9);
    }

    [Fact]
    public void VsDuckDbQuery_NotMeasuredOrTheStartupLine_Null()
    {
        var figure = new ProcessFigure("export", "aggregate", 1, 1.0, 2.5, 3, 20, "agree");

        Assert.Null(figure.VsDuckDbQuery);
        Assert.Null((s_startup with { DuckDbQuerySeconds = 0.01 }).VsDuckDbQuery);
        Assert.Null((figure with { OrleansProcSeconds = null, DuckDbQuerySeconds = 2.0 }).VsDuckDbQuery);
    }

    [Theory]
    [InlineData("duckdb query seconds: 0.25\n", 0.25)]
    [InlineData("some warning\nduckdb query seconds: 1.5E-2\n", 0.015)]
    [InlineData("", null)]
    [InlineData("duckdb query seconds: soon\n", null)]
    public void QuerySeconds_StderrOfTheDuckDbProcess_TheReportedSeconds(string stderr, double? expected)
    {
        Assert.Equal(expected, new ProcessRun(1, null, 0, string.Empty, stderr).QuerySeconds);
    }

    [Fact]
    public void Text_QuerySecondsMeasured_QueryColumnFilledForTheOtherLines()
    {
        var figures = new[] { s_startup, new ProcessFigure("export", "aggregate", 1, 1.0, 2.5, 3, 20, "agree") { DuckDbQuerySeconds = 2.38 } };

        var lines = ProcessTable.Text(figures).Split('\n');

        Assert.Contains("| vs DuckDB | vs DuckDB's query |", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("| - | startup | 0.01 | 0.12 | 12.00x |  |", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("| export | aggregate | 1.00 | 2.50 | 2.50x | 2.38x |", lines[4], StringComparison.Ordinal);
    }
}
