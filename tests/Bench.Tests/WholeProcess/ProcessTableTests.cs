using OrleansProc.Bench.WholeProcess;

namespace OrleansProc.Bench.Tests.WholeProcess;

public sealed class ProcessTableTests
{
    private static readonly ProcessFigure s_startup = new("-", ProcessFigure.StartupQuery, 0, 0.01, 0.12, 3, 1, "agree");

    [Fact]
    public void VsDuckDbNetOfStartup_StartupLineGiven_TakesItOffDuckDbsSeconds()
    {
        var figure = new ProcessFigure("export", "parquet", 1, 0.25, 0.32, 3, 20, "agree");

        Assert.Equal(0.80, figure.VsDuckDbNetOfStartup(0.12)!.Value, 9);
        Assert.Equal(1.28, figure.VsDuckDb!.Value, 9);
    }

    [Fact]
    public void VsDuckDbNetOfStartup_DuckDbFasterThanItsStartup_Zero()
    {
        var figure = new ProcessFigure("flights", "parquet", 1, 0.06, 0.11, 3, 20, "agree");

        Assert.Equal(0, figure.VsDuckDbNetOfStartup(0.12)!.Value);
    }

    [Fact]
    public void VsDuckDbNetOfStartup_NoStartupOrTheStartupLineItself_Null()
    {
        var figure = new ProcessFigure("export", "aggregate", 1, 1.0, 2.5, 3, 20, "agree");

        Assert.Null(figure.VsDuckDbNetOfStartup(null));
        Assert.Null(s_startup.VsDuckDbNetOfStartup(0.12));
        Assert.Null((figure with { OrleansProcSeconds = null }).VsDuckDbNetOfStartup(0.12));
    }

    [Fact]
    public void Text_StartupLinePresent_NetColumnFilledForTheOtherLines()
    {
        var figures = new[] { s_startup, new ProcessFigure("export", "aggregate", 1, 1.0, 2.5, 3, 20, "agree") };

        var lines = ProcessTable.Text(figures).Split('\n');

        Assert.Contains("| vs DuckDB | net |", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("| - | startup | 0.01 | 0.12 | 12.00x |  |", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("| export | aggregate | 1.00 | 2.50 | 2.50x | 2.38x |", lines[4], StringComparison.Ordinal);
    }
}
